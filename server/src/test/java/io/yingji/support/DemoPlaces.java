package io.yingji.support;

/**
 * The demo city's places that tests name, by their official division codes (国家统计局统计用区划代码, as
 * loaded from {@code demo/regions-zhejiang.csv.gz}). 米市巷街道's villages have hand-made boxes (see
 * tools/regions/hand-boxes.csv): 大塘巷社区 the north-west quarter, 夹城巷社区 the south-east quarter.
 */
public final class DemoPlaces {

    public static final String ZHEJIANG = "330000";
    public static final String HANGZHOU = "330100";
    public static final String NINGBO = "330200";
    /** 拱墅区: the {@code gongshu} bureau's district. */
    public static final String GONGSHU = "330105";
    /** 西湖区: the {@code xihu} bureau's district, next to 拱墅区. */
    public static final String XIHU = "330106";
    /** 米市巷街道 (拱墅区): the {@code mishixiang} township station's area. */
    public static final String MISHIXIANG = "330105001";
    /** 大塘巷社区 (米市巷街道): the {@code wangge} grid worker's village. */
    public static final String DATANGXIANG = "330105001055";
    /** 夹城巷社区 (米市巷街道). */
    public static final String JIACHENGXIANG = "330105001051";
    /** 米市社区 (米市巷街道). */
    public static final String MISHI = "330105001052";
    /** 沈塘桥社区 (米市巷街道). */
    public static final String SHENTANGQIAO = "330105001056";
    /** 湖墅街道 (拱墅区), next to 米市巷街道. */
    public static final String HUSHU = "330105002";
    /** 卖鱼桥社区 (湖墅街道). */
    public static final String MAIYUQIAO = "330105002051";
    /** 拱宸桥街道 (拱墅区): where the {@code qiye} enterprise is. */
    public static final String GONGCHENQIAO = "330105005";
    /** 北山街道 (西湖区). */
    public static final String BEISHAN = "330106002";
    /** 宝石社区 (北山街道, 西湖区). */
    public static final String BAOSHI = "330106002052";
    /** 留下街道 (西湖区). */
    public static final String LIUXIA = "330106009";

    private DemoPlaces() {
    }
}
