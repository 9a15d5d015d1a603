// The dashboard's server (server.ts) tells the /api forwarder which address connected, in a
// header it always overwrites; nothing else can learn the socket's address in a route handler.
export const PEER_HEADER = "x-spm-peer";
