import type { Redis } from "ioredis";

/**
 * A Lua script as a command of this connection, sent by its SHA (EVALSHA; ioredis sends the text
 * only after a NOSCRIPT), not as text with every call. Defined once per connection under `name`;
 * the returned function takes the keys, then the arguments (with `numberOfKeys` null, a script whose
 * number of keys varies: the first argument is that number, as EVALSHA takes it).
 */
export function redisScript<R>(redis: Redis, name: string, numberOfKeys: number | null, lua: string): (...keysAndArgs: (string | number)[]) => Promise<R> {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: numberOfKeys ?? undefined, lua });
  return (redis as unknown as Record<string, (...a: (string | number)[]) => Promise<R>>)[name].bind(redis);
}
