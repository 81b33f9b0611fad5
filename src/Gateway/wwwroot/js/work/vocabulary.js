// The plan's closed vocabularies (domain.md §2) with the words officials use for them. The values
// are the API's; DashboardFilesTests checks they are exactly the API's enums.
import { currentLang } from '../i18n.js';

export const vocabulary = {
  audiences: {
    officialsAndCivilServants: ['Cán bộ, công chức, viên chức', 'Officials and civil servants'],
    citizens: ['Người dân', 'Citizens'],
    businesses: ['Doanh nghiệp', 'Businesses'],
    organisations: ['Cơ quan, tổ chức', 'Organisations'],
    ethnicMinorities: ['Đồng bào dân tộc thiểu số', 'Ethnic minorities'],
    villageEldersAndPrestigiousPeople: ['Già làng, người có uy tín', 'Village elders and prestigious people'],
  },
  topics: {
    partyAndStatePolicy: ['Chủ trương của Đảng, chính sách của Nhà nước', 'Party and State policy'],
    institutionalReform: ['Cải cách thể chế', 'Institutional reform'],
    administrativeProcedureReform: ['Cải cách thủ tục hành chính', 'Administrative procedure reform'],
    apparatusReform: ['Cải cách tổ chức bộ máy', 'Apparatus reform'],
    civilServiceReform: ['Cải cách chế độ công vụ', 'Civil service reform'],
    publicFinanceReform: ['Cải cách tài chính công', 'Public finance reform'],
    digitalGovernment: ['Chính phủ điện tử, chính phủ số', 'Digital government'],
    reformIndices: ['Các chỉ số PAR Index, SIPAS, PAPI', 'Reform indices'],
    modelExamples: ['Mô hình, điển hình', 'Model examples'],
    citizenParticipation: ['Sự tham gia của người dân', 'Citizen participation'],
  },
  channels: {
    press: ['Báo chí', 'Press'],
    radioTv: ['Phát thanh, truyền hình', 'Radio and TV'],
    webPortal: ['Cổng/Trang thông tin điện tử', 'Web portal'],
    loudspeakers: ['Loa truyền thanh', 'Loudspeakers'],
    leaflets: ['Tờ rơi, tờ gấp', 'Leaflets'],
    postersAndBanners: ['Pa-nô, áp phích, băng rôn', 'Posters and banners'],
    bulletins: ['Bản tin', 'Bulletins'],
    trainingsAndConferences: ['Tập huấn, hội nghị', 'Trainings and conferences'],
    contests: ['Hội thi', 'Contests'],
    dialogues: ['Đối thoại', 'Dialogues'],
    socialNetworks: ['Mạng xã hội', 'Social networks'],
    smsAndHotline: ['Tin nhắn, đường dây nóng', 'SMS and hotline'],
    oneStopDeskPosting: ['Niêm yết tại bộ phận một cửa', 'One-stop desk posting'],
  },
  legalBasisKinds: {
    parentPlan: ['Kế hoạch của cấp trên', 'Parent plan'],
    plan: ['Kế hoạch', 'Plan'],
    decision: ['Quyết định', 'Decision'],
    resolution: ['Nghị quyết', 'Resolution'],
    directive: ['Chỉ thị', 'Directive'],
    law: ['Luật', 'Law'],
    other: ['Khác', 'Other'],
  },
  obligations: {
    assigned: ['Giao nhiệm vụ', 'Assigned'],
    requested: ['Đề nghị phối hợp', 'Requested'],
  },
  covers: {
    '': ['Chính đơn vị được giao', 'The assignee itself'],
    communes: ['Tất cả các xã, phường', 'Every commune'],
    districts: ['Tất cả các huyện', 'Every district'],
    departments: ['Tất cả cơ quan chuyên môn', 'Every department'],
  },
  frequencies: {
    quarterly: ['Hằng quý', 'Quarterly'],
    sixMonthly: ['6 tháng', 'Six-monthly'],
    annual: ['Hằng năm', 'Annual'],
  },
};

export const label = (list, value) => (vocabulary[list][value] ?? [value, value])[currentLang() === 'vi' ? 0 : 1];
export const values = list => Object.keys(vocabulary[list]);
export const options = list => values(list).map(v => [v, label(list, v)]);
