package io.runnel.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against real servers: its static {@link Servers} field is set before its
 * {@code @BeforeAll} methods run. One embedded PostgreSQL and one ElasticMQ serve every such class
 * in the JVM ({@link SharedServers}); each class gets a database of its own on that server, and
 * when the class ends its database (with its replication slots) and the queues it created are
 * dropped, so names may repeat from class to class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServersExtension.class)
public @interface RealServers {
  /**
   * A PostgreSQL server of the class's own, started before the class and stopped after it, for a
   * class that restarts or breaks the server; ElasticMQ is still the shared one.
   */
  boolean ownPostgres() default false;
}
