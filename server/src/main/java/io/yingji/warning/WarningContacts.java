package io.yingji.warning;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whom early warnings reach besides the platform's accounts and the enterprises' safety managers: people
 * and places kept in the warning module's directory (village responsible persons, rescue team leaders,
 * schools, nursing homes, construction sites, emergency broadcast terminals) and members of the public who
 * registered for warnings of their area.
 */
public interface WarningContacts {

    String VILLAGE_RESPONSIBLE = "村级责任人";
    String RESCUE_LEADER = "救援队长";
    String SCHOOL = "学校";
    String NURSING_HOME = "养老院";
    String CONSTRUCTION_SITE = "建筑工地";
    String BROADCAST = "应急广播";
    /** Members of the public (the same label the delivery queue counts 发布公众覆盖率 by). */
    String PUBLIC = io.yingji.notification.Target.PUBLIC;

    /** Groups a directory entry may belong to. */
    List<String> GROUPS = List.of(VILLAGE_RESPONSIBLE, RESCUE_LEADER, SCHOOL, NURSING_HOME, CONSTRUCTION_SITE, BROADCAST, PUBLIC);

    /** Adds entries as they are (for loading, e.g. the demo city); answers how many. */
    int addAll(List<Contact> contacts);

    /**
     * One entry: a person, a place's contact or a terminal. A place or a registered member of the public
     * has a location, which polygon and circle areas are matched against; an entry without one is matched
     * by its region.
     */
    record Contact(String group, String name, String regionCode, @Nullable String mobile, @Nullable String email,
                   @Nullable String webhookUrl, @Nullable String broadcastTerminal, @Nullable Double longitude,
                   @Nullable Double latitude) {
    }
}
