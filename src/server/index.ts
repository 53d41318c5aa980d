export { buildServer, SERVER_DEFAULTS, type ServerOptions } from './build-server.js';
export { startServer, isLoopback, type ListenOptions } from './start-server.js';
export { createUser, ROLES, type Role, type User } from './auth/users.js';
