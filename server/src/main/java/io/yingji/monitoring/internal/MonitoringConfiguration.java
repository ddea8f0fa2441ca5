package io.yingji.monitoring.internal;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MqttSettings.class)
class MonitoringConfiguration {

    /** The one-command start's broker: MQTT on and no broker address configured. */
    @Bean
    @ConditionalOnExpression("${yingji.mqtt.enabled:false} and '${yingji.mqtt.url:}'.isBlank()")
    EmbeddedBroker embeddedBroker(MqttSettings settings, JdbcClient jdbc) {
        return new EmbeddedBroker(settings.embeddedPort(), jdbc);
    }

    @Bean
    @ConditionalOnProperty(name = "yingji.mqtt.enabled", havingValue = "true")
    MqttTelemetry mqttTelemetry(MqttSettings settings, TelemetryIngest ingest, AlarmEvaluation evaluation, AlarmStream stream, JsonMapper json,
                                Clock clock, ObjectProvider<EmbeddedBroker> embedded) {
        return new MqttTelemetry(settings, ingest, evaluation, stream, json, clock, MqttTelemetry.newClientId(), embedded.getIfAvailable());
    }
}
