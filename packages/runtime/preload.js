// The runtime's third-party dependencies, for a launcher to import before it
// registers a TypeScript loader (the `toolwright` bin does, for serve and dev).
//
// Plain JavaScript on purpose: once module hooks are registered (tsx), every
// module Node loads, JavaScript or not, costs a round trip to the hooks thread,
// and zod plus the MCP SDK are about 200 modules. Loaded first through Node's
// own loader they cost nothing more later: the same URLs come from the module
// cache. On GitHub's default surface this cut `serve` cold start from about
// 1.25x to 1.08x a bare SDK server (issue #4; scripts/bench-openapi.ts).
// The list follows the runtime's static imports on a stdio start; anything
// missing here still loads, only through the hooks.
import '@modelcontextprotocol/sdk/server/index.js';
import '@modelcontextprotocol/sdk/shared/protocol.js';
import '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import '@modelcontextprotocol/sdk/types.js';
import 'dotenv';
import 'pino';
import 'zod';
