package io.vigil.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;
import io.vigil.domain.fact.Fact;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Facts as JSON on the cluster wire: {@code {"kind": "<record name>", <component>: <value>, ...}}, read and written
 * from the records' components, so a new fact needs no code here. Components may be text, numbers, booleans,
 * enums, instants, lists of text and nested records of those; {@link #check} refuses any other at start.
 */
public final class FactWire {
  private static final Map<String, Class<?>> KINDS = Arrays.stream(Fact.class.getPermittedSubclasses())
      .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

  private FactWire() {}

  /** Every fact type, each checked to have a wire form. */
  @SuppressWarnings("unchecked")
  public static List<Class<? extends Fact>> types() {
    List<Class<? extends Fact>> types = new ArrayList<>();
    for (Class<?> type : KINDS.values()) {
      check(type, type);
      types.add((Class<? extends Fact>) type);
    }
    return types;
  }

  public static JsonObject encode(Fact fact) {
    return ((JsonObject) write(fact)).put("kind", fact.getClass().getSimpleName());
  }

  public static Fact decode(JsonObject json) {
    Class<?> type = KINDS.get(json.getString("kind"));
    if (type == null) throw new IllegalArgumentException("not a fact this node knows: " + json.getString("kind"));
    return (Fact) read(type, type, json);
  }

  private static Object write(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) return value;
    if (value instanceof Enum<?> e) return e.name();
    if (value instanceof Instant instant) return Millis.format(instant);
    if (value instanceof List<?> list) return new JsonArray(list.stream().map(FactWire::write).toList());
    if (value instanceof Record record) {
      JsonObject json = new JsonObject();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          json.put(component.getName(), write(component.getAccessor().invoke(record)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
      }
      return json;
    }
    throw new IllegalArgumentException("no wire form for " + value.getClass());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object read(Class<?> type, Type generic, Object json) {
    if (json == null) return null;
    if (type == String.class || type == Boolean.class || type == boolean.class) return json;
    if (type == int.class || type == Integer.class) return ((Number) json).intValue();
    if (type == long.class || type == Long.class) return ((Number) json).longValue();
    if (type == double.class || type == Double.class) return ((Number) json).doubleValue();
    if (type.isEnum()) return Enum.valueOf((Class<Enum>) type, (String) json);
    if (type == Instant.class) return Instant.parse((String) json);
    if (type == List.class) {
      Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
      return ((JsonArray) json).stream().map(item -> read((Class<?>) element, element, item)).toList();
    }
    if (type.isRecord()) {
      JsonObject object = (JsonObject) json;
      RecordComponent[] components = type.getRecordComponents();
      Object[] args = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] = read(types[i], components[i].getGenericType(), object.getValue(components[i].getName()));
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        throw new IllegalArgumentException("invalid " + type.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
      }
    }
    throw new IllegalArgumentException("no wire form for " + type);
  }

  private static void check(Class<?> type, Type generic) {
    if (type.isPrimitive() || type == String.class || type == Integer.class || type == Long.class
        || type == Double.class || type == Boolean.class || type.isEnum() || type == Instant.class) {
      return;
    }
    if (type == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
      check(e, e);
      return;
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) check(component.getType(), component.getGenericType());
      return;
    }
    throw new IllegalStateException("a fact component of type " + generic + " has no wire form");
  }
}
