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

    homeScore: 'Điểm của đơn vị', documents: 'Tài liệu', consolidatedReport: 'Báo cáo tổng hợp kỳ', downloadDocx: 'Tải báo cáo (Word)',
    printableHtml: 'Bản in (HTML)', downloadRanking: 'Tải bảng xếp hạng (Excel)',
    simulated: 'Dữ liệu mô phỏng: năm {year} được phát sinh tự động để minh họa, không phải số liệu thật của các đơn vị.',
    signIn: 'Đăng nhập', signOut: 'Đăng xuất', workspace: 'Công việc của đơn vị', writePlan: 'Soạn/sửa kế hoạch',
    newPlan: 'Ban hành kế hoạch', editPlan: 'Sửa kế hoạch', title: 'Tên', signer: 'Người ký', periodFrom: 'Thời gian từ', periodTo: 'đến',
    objectives: 'Mục đích, mục tiêu', requirementsText: 'Yêu cầu', audiences: 'Đối tượng', topics: 'Nội dung', channels: 'Hình thức',
    legalBases: 'Căn cứ', targets: 'Chỉ tiêu', keyActivities: 'Hoạt động trọng tâm', assignments: 'Phân công thực hiện',
    basisKind: 'Loại văn bản', reference: 'Số, ký hiệu', itemId: 'Mã', description: 'Mô tả', targetValue: 'Chỉ tiêu', measureUnit: 'Đơn vị tính',
    leadName: 'Đơn vị chủ trì', leadCode: 'Mã đơn vị chủ trì', timeFrame: 'Thời gian', assigneeName: 'Đơn vị được giao', assigneeCode: 'Mã đơn vị',
    obligation: 'Hình thức giao', covers: 'Áp dụng cho', planDeadline: 'Hạn ban hành kế hoạch', duties: 'Nhiệm vụ (mỗi dòng một nhiệm vụ)',
    reportingRegime: 'Chế độ báo cáo', dueDay: 'Ngày nộp báo cáo', consolidatorName: 'Cơ quan tổng hợp', consolidatorCode: 'Mã cơ quan tổng hợp',
    savePlan: 'Lưu kế hoạch', planConflict: 'Kế hoạch vừa được người khác sửa và lưu trước bạn. Tải lại bản mới nhất rồi sửa tiếp.', reload: 'Tải lại',
    addRow: 'Thêm dòng', remove: 'Xóa', addTask: 'Thêm nhiệm vụ', outputMetric: 'Sản phẩm', start: 'Bắt đầu', complete: 'Hoàn thành',
    completeTask: 'Hoàn thành nhiệm vụ', completedOn: 'Ngày hoàn thành', evidence: 'Minh chứng', submitReport: 'Gửi báo cáo', submittedOn: 'Ngày gửi',
    summary: 'Kết quả thực hiện', difficulties: 'Khó khăn, vướng mắc', proposals: 'Đề xuất, kiến nghị', outputsByChannel: 'Sản phẩm theo hình thức',
    nothingOwed: 'Không có báo cáo nào đang phải nộp.', inbox: 'Báo cáo nhận được', inboxEmpty: 'Chưa có đơn vị nào phải báo cáo về cơ quan này.',
    review: 'Thẩm định', accepted: 'Đã tiếp nhận', returned: 'Trả lại', accept: 'Tiếp nhận', return: 'Trả lại', returnComment: 'Nội dung cần sửa',
    acknowledge: 'Ghi nhận', ackComment: 'Ý kiến chỉ đạo, đôn đốc', acknowledgedBy: 'Đã ghi nhận bởi',
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

    homeScore: 'Your unit\'s score', documents: 'Documents', consolidatedReport: 'Consolidated report for', downloadDocx: 'Download the report (Word)',
    printableHtml: 'Printable (HTML)', downloadRanking: 'Download the ranking (Excel)',
    simulated: 'Simulated data: {year} is generated to illustrate the system, not figures entered by the units.',
    signIn: 'Sign in', signOut: 'Sign out', workspace: 'The unit\'s work', writePlan: 'Write or edit the plan',
    newPlan: 'Issue the plan', editPlan: 'Edit the plan', title: 'Title', signer: 'Signed by', periodFrom: 'From', periodTo: 'to',
    objectives: 'Objectives', requirementsText: 'Requirements', audiences: 'Audiences', topics: 'Topics', channels: 'Channels',
    legalBases: 'Legal bases', targets: 'Targets', keyActivities: 'Key activities', assignments: 'Assignments',
    basisKind: 'Kind of document', reference: 'Number and symbol', itemId: 'Id', description: 'Description', targetValue: 'Target', measureUnit: 'Unit of measure',
    leadName: 'Lead', leadCode: 'Lead\'s code', timeFrame: 'Time frame', assigneeName: 'Assignee', assigneeCode: 'Assignee\'s code',
    obligation: 'Obligation', covers: 'Applies to', planDeadline: 'Plan due by', duties: 'Duties (one per line)',
    reportingRegime: 'Reporting regime', dueDay: 'Reports due on day', consolidatorName: 'Consolidating office', consolidatorCode: 'Office\'s code',
    savePlan: 'Save the plan', planConflict: 'Someone else changed and saved the plan before you. Reload the latest version and edit again.', reload: 'Reload',
    addRow: 'Add a row', remove: 'Remove', addTask: 'Add a task', outputMetric: 'Output', start: 'Start', complete: 'Complete',
    completeTask: 'Complete the task', completedOn: 'Completed on', evidence: 'Evidence', submitReport: 'Submit the report', submittedOn: 'Submitted on',
    summary: 'Results', difficulties: 'Difficulties', proposals: 'Proposals', outputsByChannel: 'Outputs by channel',
    nothingOwed: 'No report is owed now.', inbox: 'Reports received', inboxEmpty: 'No unit reports to this office.',
    review: 'Review', accepted: 'Accepted', returned: 'Returned', accept: 'Accept', return: 'Return', returnComment: 'What to correct',
    acknowledge: 'Acknowledge', ackComment: 'Comment', acknowledgedBy: 'Acknowledged by',
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
