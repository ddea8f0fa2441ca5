package io.yingji.enterprise.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yingji.shared.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportFileTests {

    private static final String HEADER = "统一社会信用代码,企业名称,行业,地址,经度,纬度,行政区划代码,法定代表人,安全负责人,安全负责人电话,从业人数,危化品储存\n";

    private static ImportFile.Parsed csv(String text) {
        return ImportFile.read("企业.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsQuotedCellsBomAndWindowsLineEnds() throws Exception {
        List<List<String>> rows = ImportFile.readCsv(new ByteArrayInputStream(
                "\uFEFFa,\"b,c\",\"say \"\"hi\"\"\"\r\n1,2,3\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(rows).containsExactly(List.of("a", "b,c", "say \"hi\""), List.of("1", "2", "3"));
    }

    @Test
    void mapsChineseHeadersToFieldsAndNumbersLinesFromTheHeader() {
        ImportFile.Parsed parsed = csv(HEADER
                + "91350100M000100Y43,杭州测试化工有限公司,危险化学品,拱墅区丽水路1号,120.15,30.32,330105005,张三,李四,13906810002,35,是\n");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).hasSize(1);
        var line = parsed.lines().get(0);
        assertThat(line.line()).isEqualTo(2);
        assertThat(line.draft().creditCode()).isEqualTo("91350100M000100Y43");
        assertThat(line.draft().industry()).isEqualTo("危险化学品");
        assertThat(line.draft().longitude()).isEqualTo(120.15);
        assertThat(line.draft().employees()).isEqualTo(35);
        assertThat(line.draft().hazchemStorage()).isTrue();
    }

    @Test
    void reportsCellsThatAreNotNumbersWithTheirLine() {
        ImportFile.Parsed parsed = csv(HEADER
                + "91350100M000100Y43,甲,危险化学品,地址,120.15,30.32,330105005,张三,李四,13906810002,35,是\n"
                + "91110000600037341L,乙,危险化学品,地址,东经120度,30.32,330105005,张三,李四,13906810002,很多,也许\n");
        assertThat(parsed.problems()).extracting(Problem.FieldProblem::line, Problem.FieldProblem::field)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(3, "longitude"),
                        org.assertj.core.groups.Tuple.tuple(3, "employees"),
                        org.assertj.core.groups.Tuple.tuple(3, "hazchemStorage"));
    }

    @Test
    void namesAMissingColumnByTheTemplatesHeaderAndNoLine() {
        assertThatThrownBy(() -> csv("企业名称,地址\n甲,某地\n"))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.messageKey()).isEqualTo("enterprise.import.header-rejected");
                    Problem.FieldProblem industry = p.fieldProblems().stream().filter(f -> f.field().equals("industry")).findFirst().orElseThrow();
                    assertThat(industry.line()).isNull();
                    assertThat(industry.args()).containsExactly("行业");
                });
    }

    @Test
    void refusesAFileWithoutTheRequiredColumns() {
        assertThatThrownBy(() -> csv("企业名称,地址\n甲,某地\n"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldProblems())
                        .extracting(Problem.FieldProblem::field).contains("creditCode", "regionCode", "safetyManagerPhone"));
    }

    @Test
    void refusesOtherFileTypesAndUnreadableWorkbooks() {
        assertThatThrownBy(() -> ImportFile.read("企业.txt", new ByteArrayInputStream(new byte[] {1})))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldProblems().get(0).messageKey())
                        .isEqualTo("enterprise.import.type"));
        assertThatThrownBy(() -> ImportFile.read("企业.xlsx", new ByteArrayInputStream("not a zip".getBytes())))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldProblems().get(0).messageKey())
                        .isEqualTo("enterprise.import.unreadable"));
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> csv("")).isInstanceOf(Problem.class);
    }
}
