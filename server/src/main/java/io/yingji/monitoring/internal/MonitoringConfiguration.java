package io.yingji.monitoring.internal;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MqttSettings.class)
class MonitoringConfiguration {

    @Bean
    @ConditionalOnProperty(name = "yingji.mqtt.enabled", havingValue = "true")
    MqttTelemetry mqttTelemetry(MqttSettings settings, TelemetryIngest ingest, AlarmEvaluation evaluation, AlarmStream stream, JsonMapper json, Clock clock) {
        return new MqttTelemetry(settings, ingest, evaluation, stream, json, clock, MqttTelemetry.newClientId());
    }
}
