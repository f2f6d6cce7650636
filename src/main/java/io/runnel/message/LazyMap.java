package io.runnel.message;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only map with fixed keys whose values are computed on first access and kept, so a function
 * that reads one column of a wide row converts only that column. Not thread-safe: one message's
 * evaluation uses it on one thread.
 */
abstract class LazyMap extends AbstractMap<String, Object> {
  private final String[] keys;
  private final Map<String, Integer> index;
  private final Object[] values;

  /**
   * @param index each key's position in {@code keys}
   */
  LazyMap(String[] keys, Map<String, Integer> index) {
    this.keys = keys;
    this.index = index;
    this.values = new Object[keys.length];
  }

  /** The value at position {@code i}; called at most once per position. Never null. */
  abstract Object compute(int i);

  private Object valueAt(int i) {
    Object value = values[i];
    if (value == null) {
      value = compute(i);
      values[i] = value;
    }
    return value;
  }

  @Override
  public Object get(Object key) {
    Integer i = index.get(key);
    return i == null ? null : valueAt(i);
  }

  @Override
  public boolean containsKey(Object key) {
    return index.containsKey(key);
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], valueAt(i));
          }
        };
      }
    };
  }
}
