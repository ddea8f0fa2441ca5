package io.yingji.identity;

import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import java.util.Optional;
import java.util.Set;

/** Departments (部门) for other modules: which industries a department supervises and where. */
public interface Departments {

    record Department(long id, String name, RegionCode region, Set<Industry> industries) {
    }

    Optional<Department> find(long id);
}
