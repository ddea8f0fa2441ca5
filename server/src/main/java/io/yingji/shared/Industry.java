package io.yingji.shared;

/**
 * The industries an enterprise belongs to and a department supervises (三个必须: 管行业必须管安全).
 * The codes are stable identifiers used in the database and the API.
 */
public enum Industry {
    CHEMICAL("危险化学品", "Hazardous chemicals"),
    MINING("矿山", "Mining"),
    CONSTRUCTION("建筑施工", "Construction"),
    MANUFACTURING("工贸制造", "Manufacturing"),
    TRANSPORT("交通运输", "Transport"),
    TRADE("商贸服务", "Trade and services"),
    FIREWORKS("烟花爆竹", "Fireworks"),
    GAS("城镇燃气", "Town gas");

    private final String nameZh;
    private final String nameEn;

    Industry(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
