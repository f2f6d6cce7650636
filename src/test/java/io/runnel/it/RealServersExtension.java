package io.runnel.it;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.StoreScope;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * {@link RealServers}' extension. The shared servers live in the launcher session's store, which
 * JUnit closes when the JVM's tests end (not the root context's: failsafe runs each class as a
 * request of its own, and each request has its own root); a class's {@link Servers} lives in the
 * class's store, so JUnit closes it, dropping what the class made, after its {@code @AfterAll}.
 */
final class RealServersExtension implements BeforeAllCallback {
  private static final Namespace NAMESPACE = Namespace.create(RealServersExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    List<Field> fields =
        ReflectionSupport.findFields(
            testClass,
            field -> Modifier.isStatic(field.getModifiers()) && field.getType() == Servers.class,
            HierarchyTraversalMode.TOP_DOWN);
    if (fields.isEmpty()) {
      throw new ExtensionConfigurationException(
          testClass.getName() + " is @RealServers but has no static Servers field to set");
    }
    SharedServers shared =
        context
            .getStore(StoreScope.LAUNCHER_SESSION, NAMESPACE)
            .computeIfAbsent(
                SharedServers.class, key -> SharedServers.start(), SharedServers.class);
    boolean ownPostgres =
        AnnotationSupport.findAnnotation(testClass, RealServers.class).orElseThrow().ownPostgres();
    Servers servers =
        ownPostgres
            ? shared.withOwnPostgres()
            : shared.withDatabase(testClass.getSimpleName().toLowerCase(Locale.ROOT));
    context.getStore(NAMESPACE).put(Servers.class, servers);
    for (Field field : fields) {
      field.setAccessible(true);
      field.set(null, servers);
    }
  }
}
