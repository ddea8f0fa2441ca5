package io.yingji.demo.internal;

import io.yingji.region.Region;
import io.yingji.shared.BoundingBox;
import io.yingji.warning.WarningContacts;
import io.yingji.warning.WarningContacts.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo city's warning contacts, for Hangzhou (330100): a responsible person per village (community),
 * a rescue team leader and a construction site per district, and per township (street) an emergency
 * broadcast terminal, a school, a nursing home and ten registered members of the public. Places and the
 * public have a location inside their region's extent. Mobile numbers are in the unassigned 1990000xxxx
 * range, so no real phone is ever messaged from a demo.
 */
final class DemoContacts {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
    private static final String[] GIVEN = {"建国", "秀英", "伟", "芳", "军", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"};

    private final WarningContacts contacts;
    private final Random random = new Random(20261123);
    private int mobiles;

    DemoContacts(WarningContacts contacts) {
        this.contacts = contacts;
    }

    int load(List<Region> regions) {
        List<Contact> out = new ArrayList<>();
        for (Region region : regions) {
            String code = region.code().value();
            if (!code.startsWith("3301") || region.level() < 3) {
                continue;
            }
            switch (region.level()) {
                case 3 -> {
                    out.add(person(WarningContacts.RESCUE_LEADER, region.name() + "应急救援队 " + name(), code));
                    out.add(place(WarningContacts.CONSTRUCTION_SITE, region.name() + "城东地块建设工地", mobile(), region));
                }
                case 4 -> {
                    out.add(new Contact(WarningContacts.BROADCAST, region.name() + "应急广播", code, null, null, null, "GB-" + code, null, null));
                    out.add(place(WarningContacts.SCHOOL, region.name() + "中心小学", mobile(), region));
                    out.add(place(WarningContacts.NURSING_HOME, region.name() + "颐养院", mobile(), region));
                    for (int i = 0; i < 10; i++) {
                        String mobile = mobile();
                        out.add(place(WarningContacts.PUBLIC, "公众用户" + mobile.substring(7), mobile, region));
                    }
                }
                case 5 -> out.add(person(WarningContacts.VILLAGE_RESPONSIBLE, region.name() + " " + name(), code));
                default -> {
                }
            }
        }
        return contacts.addAll(out);
    }

    private Contact person(String group, String name, String code) {
        return new Contact(group, name, code, mobile(), null, null, null, null, null);
    }

    private Contact place(String group, String name, String mobile, Region region) {
        BoundingBox box = region.boundingBox();
        Double lon = null;
        Double lat = null;
        if (box != null) {
            lon = box.minLongitude() + random.nextDouble() * (box.maxLongitude() - box.minLongitude());
            lat = box.minLatitude() + random.nextDouble() * (box.maxLatitude() - box.minLatitude());
        }
        return new Contact(group, name, region.code().value(), mobile, null, null, null, lon, lat);
    }

    private String name() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    private String mobile() {
        mobiles++;
        return String.format("1990000%04d", mobiles);
    }
}
