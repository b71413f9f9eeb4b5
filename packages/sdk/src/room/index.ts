// Public entry of `@duet/sdk/room` (isomorphic): room-token claims, roles and permissions, and the
// verification every service that admits widget participants (judge, collaboration) performs.
export {
  ROOM_ROLES,
  ROOM_PERMISSIONS,
  ROLE_PERMISSIONS,
  ROOM_TOKEN,
  roomTokenClaimsSchema,
  hasRoomPermission,
  type RoomRole,
  type RoomPermission,
  type RoomTokenClaims,
} from './claims.js';
export { verifyRoomToken, type VerifyRoomTokenOptions } from './verify.js';
