import type zh from '../zh-CN'

const en: typeof zh = {
  app: { title: 'Emergency Management Platform', short: 'Yingji' },
  common: {
    search: 'Search', reset: 'Reset', save: 'Save', cancel: 'Cancel', edit: 'Edit', create: 'New', back: 'Back',
    detail: 'Details', export: 'Export', import: 'Import', yes: 'Yes', no: 'No', loading: 'Loading…', total: '{n} in all',
    comingSoon: 'Coming soon', actions: 'Actions', all: 'All', saved: 'Saved', close: 'Close',
  },
  menu: {
    workbench: 'Workbench', map: 'One map', enterprises: 'Enterprises', risk: 'Risk assessment', hazards: 'Hidden hazards',
    monitoring: 'Monitoring', warnings: 'Warnings', audit: 'Audit trail', toggle: 'Open or close the menu',
  },
  login: {
    title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', expired: 'Your session has expired; please log in again',
    demoHint: "Demo accounts are in the README; the password is Yingji{'@'}2026", required: 'Enter your username and password',
  },
  header: { region: 'Region', logout: 'Log out', language: '中文', languageShort: '中', languageLabel: 'Switch language' },
  workbench: {
    welcome: 'Hello, {name}', scope: 'Your data scope: {region}', enterprises: 'Enterprises', majorHazard: 'With major hazard sources',
    byIndustry: 'Enterprises by industry', todo: 'To do', commit: "Make today's commitment (controls in place)", committed: 'Committed today', notCommitted: 'Enterprises without a commitment today', todoNone: 'Nothing to do', todoLater: 'Alarms and warnings will add their to-dos here once they are available.', toVerify: 'Hazards to verify', toAccept: 'Hazards to accept', toRemediate: 'Hazards to remediate', overdue: 'Overdue hazards under supervision',
    notYet: 'Not available yet', quick: 'Shortcuts', ownEnterprise: 'My enterprise',
  },
  map: {
    zoneGrade: 'risk grade {n}', safetyIndex: 'Safety index', areaHint: 'Areas are tinted by their safety index (≥90 blue, ≥80 yellow, ≥70 orange, else red)', title: 'One map', layers: 'Layers', enterprises: 'Enterprises', boundaries: 'Boundaries', hazards: 'Hidden hazards', sensors: 'Sensors and alarms',
    warnings: 'Warnings', incidents: 'Incidents', resources: 'Resources', industry: 'Industry', region: 'Region', count: '{n} enterprises shown',
    legend: 'Risk level', unknownRisk: 'Not assessed', noTiles: 'No background tiles configured: boundaries only (offline mode)', open: 'Open',
  },
  risk: {
    RED: 'Major', ORANGE: 'High', YELLOW: 'Moderate', BLUE: 'Low', UNKNOWN: 'Not assessed',
    register: 'Risk register', points: 'Risk points', add: 'New risk point', reassess: 'Reassess', name: 'Risk point', location: 'Location',
    category: 'Category', hazardFactors: 'Hazard factors', method: 'Method', lec: 'LEC job hazard analysis', ls: 'LS risk matrix',
    l: 'L likelihood', e: 'E exposure', c: 'C consequence', s: 'S severity', score: 'Score', level: 'Level', controlMeasures: 'Control measures',
    responsiblePerson: 'Responsible person', responsiblePhone: 'Responsible phone', assessedAt: 'Assessed', comment: 'Reason for reassessment',
    preview: 'Result: {score}, {level}', none: 'No risk points identified yet', enterprise: 'Enterprise', history: 'Assessments',
    categories: { ACTIVITY: 'Work activity', EQUIPMENT: 'Equipment', SITE: 'Site', MANAGEMENT: 'Management' },
  },
  enterprise: {
    list: 'Enterprise registry', detail: 'Enterprise', create: 'New enterprise', edit: 'Edit enterprise', searchPlaceholder: 'Name or credit code',
    creditCode: 'Unified social credit code', name: 'Name', industry: 'Industry', aboveScale: 'Above designated size', address: 'Address',
    longitude: 'Longitude', latitude: 'Latitude', region: 'Region', regionCode: 'Region code', legalRepresentative: 'Legal representative',
    legalRepresentativePhone: 'Legal representative phone', safetyManager: 'Safety manager', safetyManagerPhone: 'Safety manager phone',
    employees: 'Employees', flags: 'Flags', hazchemProduction: 'Hazchem production', hazchemOperation: 'Hazchem trading',
    hazchemStorage: 'Hazchem storage', hazchemUse: 'Hazchem use', threePlacesThreeEnterprises: 'Three places, three enterprises',
    microParkMember: 'Small enterprise park', majorHazard: 'Major hazard', hazardSources: 'Major hazard sources', noHazardSources: 'No major hazard sources registered',
    grade: 'Grade', gradeN: 'Grade {n}', notMajor: 'Not major', sValue: 'S', rValue: 'R', exposedPeople: 'People within 500 m',
    chemicals: 'Hazardous chemicals', importTitle: 'Import enterprises', importHint: 'Upload .xlsx or UTF-8 .csv; if any line is wrong, nothing is imported.',
    template: 'Download template', chooseFile: 'Choose file', imported: '{n} enterprises imported', importErrors: 'These lines are wrong; nothing was imported:',
    line: 'Line', field: 'Field', message: 'Reason', creditCodeInvalid: 'The credit code check character is wrong', updated: 'Enterprise saved',
    pickRegion: 'Choose a region', coordinates: 'Coordinates', contacts: 'Contacts',
  },
  industry: {
    CHEMICAL: 'Hazardous chemicals', MINING: 'Mining', CONSTRUCTION: 'Construction', MANUFACTURING: 'Manufacturing', TRANSPORT: 'Transport',
    TRADE: 'Trade and services', FIREWORKS: 'Fireworks', GAS: 'Town gas',
  },
  hazard: {
    inspect: 'Inspect with checklist', passed: 'Pass', failed: 'Fail', failNote: 'What is wrong (optional)', inspectionDone: 'Inspection saved; {n} hazards reported', attachments: 'Photos and files', attach: 'Add a photo or PDF: ', queue: 'Hidden hazards', report: 'Report a hazard', title: 'Title', description: 'Description', source: 'Source', status: 'Status',
    grade: 'Grade', category: 'Category', responsibleUnit: 'Responsible unit', deadline: 'Deadline', supervisingLevel: 'Supervised by',
    region: 'Region', enterprise: 'Enterprise', reportedAt: 'Reported', overdue: 'Overdue', overdueOnly: 'Overdue only', history: 'History',
    comment: 'Comment', trackingCode: 'Tracking code', escalations: 'Escalated {n} times', all: 'All statuses',
    statuses: { REPORTED: 'To verify', VERIFIED: 'Verified', ASSIGNED: 'Assigned', REMEDIATING: 'Remediating', REMEDIATED: 'To accept', CLOSED: 'Closed', DISMISSED: 'Dismissed' },
    grades: { GENERAL: 'General', MAJOR: 'Major' },
    sources: { SELF_INSPECTION: 'Self-inspection', GOVERNMENT_INSPECTION: 'Government inspection', GRID_PATROL: 'Grid patrol', PUBLIC_REPORT: 'Public report' },
    levels: { TOWNSHIP: 'Township', COUNTY: 'County', CITY: 'City' },
    categories: { FIRE: 'Fire', ELECTRICAL: 'Electrical', HAZCHEM: 'Hazardous chemicals', EQUIPMENT: 'Equipment', CONSTRUCTION: 'Construction', OPERATION: 'Operations', MANAGEMENT: 'Management', OTHER: 'Other' },
    actions: { verify: 'Verify', dismiss: 'Dismiss', assign: 'Assign', progress: 'Report progress', complete: 'Remediated', accept: 'Accept and close', reject: 'Reject', report: 'Reported', escalate: 'Escalated' },
    statistics: { byRegion: 'Hazards by area', found: 'Found', closed: 'Closed', overdue: 'Overdue', rate: 'Closure rate' },
    publicTitle: 'Report a hazard', publicHint: 'You may report a safety hazard anonymously. Keep the tracking code to follow what happens.',
    contactName: 'Name (optional)', contactPhone: 'Phone (optional)', regionCode: 'Region code', submitted: 'Report received; tracking code: ',
    track: 'Follow', trackTitle: 'Report progress', notFound: 'No report has this tracking code',
  },
  safety: { title: 'Safety code', RED: 'Red', YELLOW: 'Yellow', GREEN: 'Green', noReasons: 'Nothing to flag' },
  audit: { title: 'Audit trail', time: 'Time', actor: 'Actor', address: 'Address', action: 'Action', entity: 'Record', changes: 'Changes' },
  error: { network: 'Cannot reach the server; check the network', generic: 'The operation failed' },
}

export default en
