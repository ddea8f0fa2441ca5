package io.yingji.monitoring;

import java.util.Optional;

/** The MQTT broker of the one-command start, when it runs (no external broker configured). */
public interface EmbeddedMqtt {

    /** Its address, e.g. {@code tcp://127.0.0.1:1883}, while it is listening. */
    Optional<String> address();
}
