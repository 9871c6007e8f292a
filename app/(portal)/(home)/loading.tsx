export { BladeSkeleton as default } from "@/components/portal/blade-skeleton";
