package io.yingji.demo.internal;

import io.yingji.demo.DemoSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Loads the demo city when enabled and tells the person who started the platform where to log in. */
@Component
class DemoStartup {

    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    private final DemoCity city;
    private final DemoSettings settings;
    private final Environment environment;
    private final DemoCommitments commitments;

    DemoStartup(DemoCity city, DemoSettings settings, Environment environment, DemoCommitments commitments) {
        this.commitments = commitments;
        this.city = city;
        this.settings = settings;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!settings.enabled()) {
            return;
        }
        city.load();
        // today's commitments, also when the platform restarts on another day
        commitments.commitToday();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info("""

                ==================================================================
                 Yingji 应急管理综合应用平台 已启动 / is running
                 地址 URL:        http://localhost:{}/
                 API 文档 docs:   http://localhost:{}/swagger-ui.html
                 演示账号 demo accounts (密码 password: {}):
                   admin 系统管理员 · hangzhou 杭州市应急管理局 · gongshu 拱墅区应急管理局
                   xihu 西湖区应急管理局 · qiye 企业安全管理员(拱墅区) · mishixiang 米市巷街道
                   wangge 网格员 · zhujian 拱墅区住建局 · jiaotong 杭州市交通运输局 · shenji 审计员
                 API 登录 login:  curl -X POST http://localhost:{}/api/auth/login \\
                   -H 'Content-Type: application/json' -d '{"username":"gongshu","password":"{}"}'
                ==================================================================""",
                port, port, DemoSettings.PASSWORD, port, DemoSettings.PASSWORD);
    }
}
