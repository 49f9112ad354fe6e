// socket.io's msgpack parser, used by the server, the browser and the bots: every packet is one binary
// WebSocket frame, and the snapshot's bytes travel inside it as a msgpack `bin` (no second frame, no
// base64). Both sides must use the same parser.
import * as msgpackParser from 'socket.io-msgpack-parser'

export const parser = msgpackParser
