export { ConfigureLoading as default } from "@/components/connections/configure-loading";
