export { ConfigureLoading as default } from "@/components/endpoints/configure-loading";
