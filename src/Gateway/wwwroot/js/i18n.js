// Vietnamese first; English on request. Unit names and plan texts stay as officials wrote them.
const strings = {
  vi: {
    brand: 'Tuyên truyền CCHC', nationScore: 'Điểm toàn quốc', year: 'Năm', liveFeed: 'Diễn biến trực tiếp',
    footer: 'Số liệu tổng hợp trực tiếp từ các đơn vị hành chính.', score: 'Điểm truyền thông', of100: '/100',
    updated: 'Cập nhật', live: 'Trực tiếp', reconnecting: 'Đang kết nối lại…', indicators: 'Chỉ số',
    planIssued: 'Ban hành kế hoạch', taskCompletion: 'Hoàn thành nhiệm vụ', taskTimeliness: 'Đúng hạn nhiệm vụ',
    reportingRate: 'Tỷ lệ báo cáo', reportingTimeliness: 'Báo cáo đúng hạn', outputAchievement: 'Đạt chỉ tiêu sản phẩm',
    openEscalations: 'Cảnh báo đang mở', ranking: 'Xếp hạng đơn vị trực thuộc', rank: 'Hạng', unit: 'Đơn vị',
    tasks: 'Nhiệm vụ', reports: 'Báo cáo', plan: 'Kế hoạch', noPlan: 'Chưa có kế hoạch cho năm này.', noReports: 'Kế hoạch không yêu cầu báo cáo định kỳ.',
    history: 'Diễn biến điểm trong năm', escalations: 'Cảnh báo đang mở', noEscalations: 'Không có cảnh báo.',
    noChildren: 'Không có đơn vị trực thuộc.', noScore: 'chưa có', due: 'Hạn', status: 'Trạng thái',
    noFeed: 'Chưa có diễn biến mới. Thay đổi sẽ hiện ở đây ngay khi xảy ra.', tasksDone: 'nhiệm vụ hoàn thành',
    tasksDue: 'nhiệm vụ đến hạn', reportsSubmitted: 'báo cáo đã nộp', plansIssued: 'kế hoạch ban hành',
    escalationsUp: 'cảnh báo mới', escalationsDown: 'cảnh báo được xử lý', raised: 'Cảnh báo', resolved: 'Đã xử lý',
    level: 'cấp', notFound: 'Không tìm thấy đơn vị.', error: 'Không tải được dữ liệu', identifier: 'Số hiệu',
    issuedOn: 'Ngày ban hành', period: 'Thời gian', expected: 'Kỳ báo cáo', deadline: 'Hạn nộp', more: 'và {n} mục khác',
    kind_nation: 'Quốc gia', kind_province: 'Tỉnh/Thành phố', kind_district: 'Quận/Huyện', kind_commune: 'Xã/Phường', kind_department: 'Cơ quan chuyên môn',
    st_planned: 'Chưa thực hiện', st_inProgress: 'Đang thực hiện', st_done: 'Hoàn thành', st_cancelled: 'Đã hủy', overdue: 'Quá hạn',
    rs_due: 'Chưa đến hạn', rs_missing: 'Chưa nộp', rs_submittedOnTime: 'Nộp đúng hạn', rs_submittedLate: 'Nộp muộn',
    lineage: 'Lịch sử sắp xếp đơn vị hành chính', inForce: 'Hiệu lực', before2023: 'trước 2023', today: 'nay',
    cameFrom: 'Hình thành từ', wentInto: 'Sáp nhập vào', how_full: 'toàn bộ', how_partial: 'một phần', how_absorbed: 'theo đơn vị cấp trên',
    kindFilter: 'Loại đơn vị', overYears: 'Qua các năm', throughShort: 'theo đơn vị hiện nay', carriedPlans: 'Kế hoạch năm {year} của các đơn vị trước đây',
    notCounted: 'không tính điểm tại đây', endedOn: 'Chấm dứt hoạt động từ sau', throughToday: 'Năm {year} xem theo đơn vị hành chính hiện nay (thành lập {from}): gồm kết quả của các đơn vị trước đó.',
  },
  en: {
    brand: 'Admin-reform communication', nationScore: 'National score', year: 'Year', liveFeed: 'Live feed',
    footer: 'Figures consolidated live from every administrative unit.', score: 'Communication score', of100: '/100',
    updated: 'Updated', live: 'Live', reconnecting: 'Reconnecting…', indicators: 'Indicators',
    planIssued: 'Plan issued', taskCompletion: 'Tasks completed', taskTimeliness: 'Tasks on time',
    reportingRate: 'Reports submitted', reportingTimeliness: 'Reports on time', outputAchievement: 'Output targets met',
    openEscalations: 'Open escalations', ranking: 'Units below, ranked', rank: 'Rank', unit: 'Unit',
    tasks: 'Tasks', reports: 'Reports', plan: 'Plan', noPlan: 'No plan for this year yet.', noReports: 'The plan requires no periodic reports.',
    history: 'Score over the campaign year', escalations: 'Open escalations', noEscalations: 'No open escalations.',
    noChildren: 'No units below this one.', noScore: 'none yet', due: 'Due', status: 'Status',
    noFeed: 'Nothing new yet. Changes appear here as they happen.', tasksDone: 'tasks done',
    tasksDue: 'tasks due', reportsSubmitted: 'reports submitted', plansIssued: 'plans issued',
    escalationsUp: 'new escalations', escalationsDown: 'escalations resolved', raised: 'Escalated', resolved: 'Resolved',
    level: 'level', notFound: 'No such unit.', error: 'Could not load', identifier: 'Reference',
    issuedOn: 'Issued on', period: 'Period', expected: 'Reporting period', deadline: 'Deadline', more: 'and {n} more',
    kind_nation: 'Nation', kind_province: 'Province', kind_district: 'District', kind_commune: 'Commune', kind_department: 'Department',
    st_planned: 'Planned', st_inProgress: 'In progress', st_done: 'Done', st_cancelled: 'Cancelled', overdue: 'Overdue',
    rs_due: 'Not yet due', rs_missing: 'Missing', rs_submittedOnTime: 'On time', rs_submittedLate: 'Late',
    lineage: 'Lineage across reforms', inForce: 'In force', before2023: 'before 2023', today: 'today',
    cameFrom: 'Came from', wentInto: 'Went into', how_full: 'whole', how_partial: 'in part', how_absorbed: 'with its parent',
    kindFilter: 'Kind of unit', overYears: 'Year over year', throughShort: 'through today\'s units', carriedPlans: 'Plans of {year} of the units before it',
    notCounted: 'not counted here', endedOn: 'Ended after', throughToday: '{year} viewed through today\'s units (created {from}): the work of the units before it included.',
  },
};

let lang = localStorage.getItem('unitgrains.lang') === 'en' ? 'en' : 'vi';

export const currentLang = () => lang;

export function t(key, vars = {}) {
  const text = strings[lang][key] ?? strings.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? '');
}

export function setLang(next) {
  lang = next;
  localStorage.setItem('unitgrains.lang', next);
  document.documentElement.lang = next;
}

/** Static labels in index.html carry data-i18n. */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}

export const locale = () => (lang === 'vi' ? 'vi-VN' : 'en-GB');
