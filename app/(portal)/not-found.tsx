import { NotFoundBlade } from "@/components/portal/not-found-blade";

export default function NotFound() {
  return <NotFoundBlade />;
}
