export { ConfigureGate as default } from "@/components/endpoints/configure-gate";
