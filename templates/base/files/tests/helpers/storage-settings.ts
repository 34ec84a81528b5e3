/**
 * Settings that give one store of a test data of its own, merged into every test configuration and
 * server process environment. A backend keeping its data where tests would share it or leave it
 * behind (a file in the project folder) replaces this file; the others need none.
 */
export function freshStorageEnv(): Record<string, string> {
  return {};
}
