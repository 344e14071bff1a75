export const CODEGEN_VERSION = '0.1.0';
