package io.yingji.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The module events the platform publishes while a test runs (on the server's threads), for tests that
 * must see that a change was announced: {@code @RegisterExtension final ModuleEvents events = new ModuleEvents();}.
 */
public final class ModuleEvents implements BeforeEachCallback, AfterEachCallback, ApplicationListener<ApplicationEvent> {

    private final List<Object> published = new CopyOnWriteArrayList<>();
    private ApplicationEventMulticaster multicaster;

    @Override
    public void beforeEach(ExtensionContext context) {
        published.clear();
        multicaster = SpringExtension.getApplicationContext(context).getBean(ApplicationEventMulticaster.class);
        multicaster.addApplicationListener(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        multicaster.removeApplicationListener(this);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof PayloadApplicationEvent<?> payload) {
            published.add(payload.getPayload());
        }
    }

    /** Every event so far, in the order published. */
    public List<Object> all() {
        return List.copyOf(published);
    }

    /** The events of one type so far. */
    public <T> List<T> of(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets what was recorded (to look only at what follows). */
    public void clear() {
        published.clear();
    }
}
