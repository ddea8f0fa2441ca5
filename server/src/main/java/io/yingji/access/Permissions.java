package io.yingji.access;

/** The permission names roles grant. Stored in the role_permission table; checked by modules. */
public final class Permissions {

    public static final String ENTERPRISE_READ = "enterprise:read";
    public static final String ENTERPRISE_WRITE = "enterprise:write";
    public static final String ENTERPRISE_IMPORT = "enterprise:import";
    public static final String AUDIT_READ = "audit:read";
    public static final String HAZARD_READ = "hazard:read";
    public static final String HAZARD_REPORT = "hazard:report";
    public static final String HAZARD_VERIFY = "hazard:verify";
    public static final String HAZARD_REMEDIATE = "hazard:remediate";
    /** Record a checklist inspection of an enterprise (government or self-inspection); failed items become hazards. */
    public static final String HAZARD_INSPECT = "hazard:inspect";
    public static final String RISK_READ = "risk:read";
    public static final String MONITORING_READ = "monitoring:read";
    public static final String MONITORING_MANAGE = "monitoring:manage";
    public static final String ALARM_HANDLE = "alarm:handle";
    public static final String RISK_WRITE = "risk:write";
    public static final String USER_READ = "user:read";
    public static final String USER_MANAGE = "user:manage";
    /** Read warnings (预警) of the caller's region. */
    public static final String WARNING_READ = "warning:read";
    /** Draft, edit, submit, update and import warnings. */
    public static final String WARNING_DRAFT = "warning:draft";
    /** Approve (publish), reject and cancel warnings at the caller's level and below; never one's own draft. */
    public static final String WARNING_APPROVE = "warning:approve";
    /** Read warehouses, stock and its movements, and the other emergency resources of the caller's scope. */
    public static final String RESOURCE_READ = "resource:read";
    /** Register warehouses and book stock movements (receipts, issues, transfers, stocktakes, write-offs). */
    public static final String RESOURCE_WRITE = "resource:write";
    /** Load region boundaries (outlines) for the caller's region and the regions below it. */
    public static final String REGION_MANAGE = "region:manage";

    private Permissions() {
    }
}
