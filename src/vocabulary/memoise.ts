/** Cache a look-up by its argument; bounded, so a file of random names cannot grow it without end. */
export function memoise<T>(find: (name: string) => T): (name: string) => T {
  const cache = new Map<string, T>();
  return (name) => {
    if (cache.has(name)) return cache.get(name) as T;
    const found = find(name);
    if (cache.size < 10_000) cache.set(name, found);
    return found;
  };
}
