package io.yingji.support;

import io.yingji.shared.CreditCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Intent-named enterprise request bodies for the API tests. */
public final class Enterprises {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(1000);

    private Enterprises() {
    }

    /** A fresh, valid credit code registered in {@code countyCode}, never used before in this run. */
    public static String newCreditCode(String countyCode) {
        String first17 = "91" + countyCode + "TE" + String.format("%07d", SEQUENCE.incrementAndGet());
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** A valid manufacturing enterprise in 拱墅区米市巷街道. */
    public static Map<String, Object> inGongshu() {
        return enterprise("330105001", 120.160, 30.288, "杭州测试机械制造有限公司");
    }

    /** A valid manufacturing enterprise in 西湖区 (its first street). */
    public static Map<String, Object> inXihu(double longitude, double latitude) {
        return enterprise("330106", longitude, latitude, "杭州测试西湖电子科技有限公司");
    }

    public static Map<String, Object> enterprise(String regionCode, double longitude, double latitude, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditCode", newCreditCode(regionCode.substring(0, 6)));
        body.put("name", name + SEQUENCE.get());
        body.put("industry", "MANUFACTURING");
        body.put("aboveScale", true);
        body.put("address", "杭州市测试路 1 号");
        body.put("longitude", longitude);
        body.put("latitude", latitude);
        body.put("regionCode", regionCode);
        body.put("legalRepresentative", "张伟");
        body.put("legalRepresentativePhone", "13906811111");
        body.put("safetyManager", "李娜");
        body.put("safetyManagerPhone", "13906812222");
        body.put("employees", 120);
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }
}
