import { NOT_FOUND_TITLE, NotFoundBlade } from "@/components/portal/not-found-blade";

export const metadata = { title: NOT_FOUND_TITLE };

export default function NotFound() {
  return <NotFoundBlade />;
}
