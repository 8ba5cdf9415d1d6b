export { ConfigureGate as default } from "@/components/connections/configure-gate";
