import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { LruCache } from "../../server/language/lru";

describe("LruCache", () => {
  test("keeps at most its capacity, dropping the least recently used", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    assert.equal(cache.get("a"), 1); // a is now newer than b
    cache.set("c", 3);
    assert.equal(cache.size, 2);
    assert.equal(cache.get("b"), undefined);
    assert.equal(cache.get("a"), 1);
    assert.equal(cache.get("c"), 3);
  });

  test("setting an existing key replaces it without growing", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("a", 2);
    assert.equal(cache.size, 1);
    assert.equal(cache.get("a"), 2);
  });

  test("a capacity below 1 is refused", () => {
    assert.throws(() => new LruCache(0), RangeError);
  });
});
