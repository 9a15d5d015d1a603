import type { ApiDocsMessages } from "./index";

export const apiDocsKk: ApiDocsMessages = {
  title: "API",
  intro:
    "Министрліктердің жүйелері көрсеткіштерді API арқылы оқи және жібере алады. Оның OpenAPI 3.1 сипаттамасы ашық:",
  json: "құжат (JSON)",
  auth: "Кіру — сессия cookie (панель) немесе Authorization: Bearer <токен> тақырыбындағы API токені. Қателер — RFC 9457 problem+json.",
  unavailable: "API қолжетімсіз: оның сипаттамасын қазір көрсету мүмкін емес.",
  role: "Рөл",
  public: "барлығы",
  parameters: "Параметрлер",
  required: "міндетті",
  body: "Дене",
  answers: "Сәтті жауап",
  tags: {
    operations: "Пайдалану",
    auth: "Кіру",
    indicators: "Көрсеткіштер",
    programs: "Бағдарламалар",
    uploads: "Деректерді жіберу",
    alerts: "Ескертулер",
    notifications: "Хабарламалар",
    admin: "Әкімшілік",
  },
  /** Each operation's summary, by its operationId in the document. */
  operations: {
    getHealthz: "Қызметтің тірі екенін тексеру",
    getReadyz: "Дайындық (дерекқор және Redis)",
    getMetrics: "Prometheus метрикалары",
    getAdminQueues: "Тапсырмалар кезегінің тақтасы (веб-бет)",
    getApiV1OpenapiJson: "API-дің осы сипаттамасы (OpenAPI 3.1)",
    postApiV1AuthLogin: "Кіру: сессия cookie орнатады",
    postApiV1AuthLogout: "Шығу: сессияны аяқтайды",
    getApiV1AuthMe: "Сұраушы: пайдаланушы немесе API токені",
    getApiV1Indicators: "Барлық көрсеткіштер соңғы мәні және мәртебесімен",
    getApiV1IndicatorsCode: "Бір көрсеткіш: анықтамасы, жылдық қатары және мәртебесі",
    patchApiV1IndicatorsCode:
      "Көрсеткіш сипаттамасын себебін көрсетіп өзгерту (If-Match: оның нұсқасы; барлық өңірлердің менеджерлері)",
    getApiV1IndicatorsCodeHistory:
      "Көрсеткіш сипаттамасының барлық өзгерістері: кім, қашан, не және неге",
    getApiV1ProgramsCodeDefinitionYaml:
      "Менеджерлердің түзетулерімен бағдарламаның ағымдағы сипаттамасы",
    putApiV1IndicatorsCodeNarrativesYear:
      "Жылға орын бойынша түсіндірме жазу (region жоқ болса — ел бойынша; деректер жауаптылары — өз орындары бойынша)",
    getApiV1IndicatorsCodeNarrativesYear:
      "Жылдың орын бойынша түсіндірмесі, барлық бұрынғы нұсқаларымен",
    getApiV1Completeness:
      "Кім не тапсырды: бағдарлама жылының күтілетін, мерзімі келген, алынған, бекітілген, кешіккен және мерзімі өткен мәндері аумақтар мен ведомстволар бойынша",
    getApiV1NarrativesMissing: "Деңгейі түсіндірмені талап ететін, бірақ ол жоқ жылдар",
    getApiV1Approvals:
      "Бағдарламаның бекіту бірліктері (жыл × аумақ): күйі, кім және қашан, деректер саны",
    postApiV1Approvals:
      "Аумақ бойынша жыл деректерін ұсыну (сол аумаққа жауаптылар), бекіту, түсініктемемен қайтару немесе қайта ашу (аумақ басшылары); бекітілген деректер өзгертуге жабық",
    postApiV1IndicatorsCodePreview:
      "Сипаттама өзгергенге дейінгі және кейінгі әр жылдың мәртебесі, сақталмайды",
    getApiV1IndicatorsCodeObservations: "Бір көрсеткіштің ағымдағы мәндері",
    getApiV1Programs: "Жүктелген бағдарламалар",
    getApiV1ProgramsCodeTemplateExt: "Бағдарламаның жүктеу үлгісі (ext: csv немесе xlsx)",
    putApiV1ProgramsCode:
      "Бағдарлама сипаттамасын жүктеу немесе өзгерту (YAML немесе JSON); dryRun=true не өзгеретінін айтады, ештеңе жазбайды",
    postApiV1Observations: "Мәндер топтамасын JSON түрінде жіберу",
    postApiV1Uploads: "Мәндер файлын (CSV, Excel немесе DHIS2 мәндері) `file` өрісінде жіберу",
    getApiV1Uploads: "Соңғы жүктеулер (өзінікі; барлығы — менеджерден бастап)",
    getApiV1UploadsId: "Жүктеу есебі қабылданбаған жолдарымен",
    getApiV1Export:
      "Бағдарламаның барлық көрсеткіштері CSV, Excel кітабы, JSON немесе DHIS2 мәндер жиыны түрінде",
    getApiV1ReportsAnnualPdf: "Бағдарламаның жылдық есебі PDF (A4) түрінде — оқырман құқығымен",
    getApiV1ReportSchedules: "Жылдық есепті электрондық поштамен жіберу кестелері",
    postApiV1ReportSchedules:
      "Бағдарламаның жылдық есебін (PDF) ай сайын немесе тоқсан сайын жіберу",
    deleteApiV1ReportSchedulesId: "Жылдық есепті жіберуді тоқтату",
    getApiV1UploadsIdRejectedCsv: "Жүктеудің қабылданбаған жолдары CSV түрінде",
    postApiV1UploadsIdRetry: "Сәтсіз жүктеуді қайта өңдеу",
    getApiV1Alerts: "Ескертулер",
    getApiV1AlertsId: "Бір ескерту тарихымен",
    postApiV1AlertsIdAck: "Ескертуді растау",
    postApiV1AlertsIdSilence: "Ескертуді мерзімге дейін үнсіз ету (null алып тастайды)",
    getApiV1AlertRules: "Ескерту ережелері",
    postApiV1AlertRules: "Ескерту ережесін құру",
    postApiV1AlertRulesPreview: "Ереже қазір не тудыратыны, сақтамай",
    getApiV1AlertRulesId: "Бір ескерту ережесі",
    patchApiV1AlertRulesId: "Ескерту ережесін өзгерту",
    deleteApiV1AlertRulesId: "Ескерту ережесін жою",
    getApiV1Notifications: "Сұраушының хабарламалары",
    getApiV1NotificationsUnreadCount: "Қанша хабарлама оқылмаған",
    postApiV1NotificationsRead: "Хабарламаларды оқылды деп белгілеу (id бойынша немесе барлығын)",
    getApiV1Deliveries: "Ескертулерді e-mail және вебхук арқылы жеткізу",
    getApiV1Outbox: "Шығыс жәшігіндегі хаттар",
    getApiV1Users: "Пайдаланушылар",
    postApiV1Users: "Пайдаланушы құру",
    patchApiV1UsersId: "Пайдаланушыны өзгерту",
    getApiV1Tokens: "API токендері",
    postApiV1Tokens: "API токенін құру (құпиясы бір рет көрсетіледі)",
    patchApiV1TokensId: "API токенін өзгерту",
    deleteApiV1TokensId: "API токенін кері қайтару",
    getApiV1Audit: "Аудит журналы",
    getApiV1Sources: "Дереккөздер: DHIS2-ден немесе CSV/JSON мекенжайынан кесте бойынша жүктеу",
    postApiV1Sources: "Дереккөз құру (тіркелгі деректері шифрланып сақталады және көрсетілмейді)",
    getApiV1SourcesId: "Дереккөз және оның соңғы жүктеуі",
    patchApiV1SourcesId: "Дереккөзді өзгерту",
    deleteApiV1SourcesId: "Дереккөзді жою (оның жүктеулері сақталады)",
    postApiV1SourcesIdPull: "Дереккөз деректерін қазір жүктеу",
    getApiV1SourcesIdPulls: "Дереккөз жасаған жүктеулер",
    getApiV1DataQuality:
      "Бағдарлама деректері бойынша тексеру ережелері мен шығыңқы мәндердің ескертулері",
    postApiV1DataQualityIdFollowUp:
      "Ескертудегі мәнді пысықтауға белгілеу немесе белгіні алу (жауаптылар — өз орындары бойынша)",
  },
};
