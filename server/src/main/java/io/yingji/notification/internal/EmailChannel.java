package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mail through SMTP. The mail server accepting the message is all SMTP tells us: sent, never
 * delivered. A bad address is permanent; a server that is down or refuses for now is retried.
 */
final class EmailChannel implements ChannelAdapter {

    private final NotificationSettings.Email settings;
    private final JavaMailSender mail;

    EmailChannel(NotificationSettings.Email settings, JavaMailSender mail) {
        this.settings = settings;
        this.mail = mail;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Outcome send(Message message) {
        MimeMessage mime;
        try {
            mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(message.address());
            helper.setSubject(message.title());
            helper.setText(message.body() + (message.ackUrl() == null ? "" : "\n\n收到请点击确认：" + message.ackUrl()));
            mime.setHeader("X-Yingji-Reference", String.valueOf(message.taskId()));
        } catch (jakarta.mail.MessagingException | MailParseException | IllegalArgumentException badAddress) {
            return new Outcome.Failed("邮件地址或内容无效：" + badAddress.getMessage());
        }
        try {
            mail.send(mime);
            String id = null;
            try {
                id = mime.getMessageID();
            } catch (jakarta.mail.MessagingException ignored) {
                // no id: still sent
            }
            return new Outcome.Sent(id);
        } catch (MailAuthenticationException | MailPreparationException | MailParseException e) {
            return new Outcome.Failed("邮件服务器拒绝：" + e.getMessage());
        } catch (MailException e) {
            return new Outcome.Retry("邮件发送失败：" + HttpPost.abbreviate(String.valueOf(e.getMessage()), 300));
        }
    }
}
