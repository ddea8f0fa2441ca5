export default {
  app: { title: '应急管理综合应用平台', short: '应急平台' },
  common: {
    search: '查询', reset: '重置', save: '保存', cancel: '取消', edit: '编辑', create: '新增', back: '返回',
    detail: '详情', export: '导出', import: '导入', yes: '是', no: '否', loading: '加载中…', total: '共 {n} 条',
    comingSoon: '即将上线', actions: '操作', all: '全部', saved: '已保存', close: '关闭',
  },
  menu: {
    workbench: '工作台', map: '一张图', enterprises: '企业管理', risk: '风险评估', hazards: '隐患排查治理',
    monitoring: '监测预警', warnings: '预警发布', audit: '审计日志', toggle: '展开或收起菜单',
  },
  login: {
    title: '用户登录', username: '用户名', password: '密码', submit: '登 录', expired: '登录已过期，请重新登录',
    demoHint: "演示账号见 README，密码均为 Yingji{'@'}2026", required: '请输入用户名和密码',
  },
  header: { region: '所属区划', logout: '退出登录', language: 'English', languageShort: 'EN', languageLabel: '切换语言' },
  workbench: {
    welcome: '您好，{name}', scope: '您的数据范围：{region}', enterprises: '辖区企业', majorHazard: '涉重大危险源企业',
    byIndustry: '企业行业分布', todo: '待办事项', todoEmpty: '风险评估、隐患闭环、监测告警等功能上线后，需要您处理的事项会显示在这里。',
    notYet: '此功能尚未上线', quick: '快捷入口', ownEnterprise: '本企业信息',
  },
  map: {
    title: '一张图', layers: '图层', enterprises: '企业', boundaries: '行政区划边界', hazards: '隐患', sensors: '监测设备与告警',
    warnings: '预警', incidents: '突发事件', resources: '应急资源', industry: '行业', region: '区划', count: '显示 {n} 家企业',
    legend: '风险等级', unknownRisk: '未评估', noTiles: '未配置底图，仅显示行政区划边界（离线模式）', open: '查看详情',
  },
  risk: { RED: '重大风险', ORANGE: '较大风险', YELLOW: '一般风险', BLUE: '低风险', UNKNOWN: '未评估' },
  enterprise: {
    list: '企业名录', detail: '企业详情', create: '新增企业', edit: '编辑企业', searchPlaceholder: '企业名称或统一社会信用代码',
    creditCode: '统一社会信用代码', name: '企业名称', industry: '行业', aboveScale: '规模以上', address: '地址',
    longitude: '经度', latitude: '纬度', region: '所属区划', regionCode: '行政区划代码', legalRepresentative: '法定代表人',
    legalRepresentativePhone: '法定代表人电话', safetyManager: '安全负责人', safetyManagerPhone: '安全负责人电话',
    employees: '从业人数', flags: '标识', hazchemProduction: '危化品生产', hazchemOperation: '危化品经营',
    hazchemStorage: '危化品储存', hazchemUse: '危化品使用', threePlacesThreeEnterprises: '三场所三企业',
    microParkMember: '小微企业园', majorHazard: '重大危险源', hazardSources: '重大危险源', noHazardSources: '未登记重大危险源',
    grade: '等级', gradeN: '{n}级', notMajor: '未构成', sValue: 'S 值', rValue: 'R 值', exposedPeople: '500 米内人数',
    chemicals: '危险化学品', importTitle: '批量导入企业', importHint: '上传 .xlsx 或 UTF-8 编码的 .csv 文件；任何一行有误则整份文件不导入。',
    template: '下载导入模板', chooseFile: '选择文件', imported: '已导入 {n} 家企业', importErrors: '以下行存在错误，未导入任何数据：',
    line: '行号', field: '字段', message: '原因', creditCodeInvalid: '统一社会信用代码校验位不正确', updated: '企业信息已保存',
    pickRegion: '请选择区划', coordinates: '坐标', contacts: '联系人',
  },
  industry: {
    CHEMICAL: '危险化学品', MINING: '矿山', CONSTRUCTION: '建筑施工', MANUFACTURING: '工贸制造', TRANSPORT: '交通运输',
    TRADE: '商贸服务', FIREWORKS: '烟花爆竹', GAS: '城镇燃气',
  },
  audit: { title: '审计日志', time: '时间', actor: '操作人', address: '来源地址', action: '操作', entity: '对象', changes: '变更内容' },
  error: { network: '无法连接服务器，请检查网络', generic: '操作失败' },
}
