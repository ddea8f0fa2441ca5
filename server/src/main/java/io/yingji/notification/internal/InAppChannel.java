package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import io.yingji.notification.Inbox;
import io.yingji.notification.Notice;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's own inbox: the notice is stored in the user's inbox (delivered) and reaches their
 * open pages through the live notice stream. It opens the acknowledgement page when one is asked for.
 */
final class InAppChannel implements ChannelAdapter {

    private final Inbox inbox;
    private final TransactionTemplate transactions;

    InAppChannel(Inbox inbox, TransactionTemplate transactions) {
        this.inbox = inbox;
        this.transactions = transactions;
    }

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public Outcome send(Message message) {
        long user;
        try {
            user = Long.parseLong(message.address());
        } catch (NumberFormatException e) {
            return new Outcome.Failed("用户编号无效：" + message.address());
        }
        Notice notice = new Notice("delivery", message.titleKey(), message.bodyKey(), message.args(), message.inAppLink());
        try {
            Integer stored = transactions.execute(status -> inbox.deliver(notice, List.of(user)));
            return stored != null && stored == 1 ? new Outcome.Delivered(null) : new Outcome.Failed("收件箱未保存");
        } catch (org.springframework.dao.DataIntegrityViolationException noSuchUser) {
            return new Outcome.Failed("用户不存在：" + user);
        } catch (org.springframework.dao.DataAccessException e) {
            return new Outcome.Retry("收件箱写入失败：" + e.getClass().getSimpleName());
        }
    }
}
