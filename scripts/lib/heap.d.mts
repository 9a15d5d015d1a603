export function withApiHeap(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
