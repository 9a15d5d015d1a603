export const DEFAULT_API_HEAP_MB: number;
export function withApiHeap(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
