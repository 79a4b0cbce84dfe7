export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/benefits/index',
    'pages/services/index',
    'pages/me/index',
    'pages/card/index',
    'pages/messages/index',
    'pages/login/index',
    'pages/binding/index',
    'pages/benefit/index',
    'pages/coupons/index',
    'pages/applications/index',
  ],
  // Pages only merchant clerks and union officials open: loaded on demand, outside the main package.
  subPackages: [
    {
      root: 'staff',
      pages: ['redeem/index', 'benefits/index', 'benefit/index', 'benefit-edit/index', 'applications/index', 'application/index', 'follow-ups/index', 'satisfaction/index', 'campaigns/index'],
    },
    // The officials' workbench (工作台): the desk an official lands on, audit trail, roster import, member care, orgs and roles, statistics.
    // 答题抽奖 and the public draw page (抽签公示), opened from a benefit given out by a draw.
    { root: 'draws', pages: ['quiz/index', 'draw/index'] },
    // 补贴发放 (payouts, payout-batch) and the draws' 题库 and 开奖 (question-banks, question-bank, draw-admin).
    {
      root: 'workbench',
      pages: [
        'desk/index',
        'audit/index',
        'roster-import/index',
        'members/index',
        'member/index',
        'orgs/index',
        'stats/index',
        'payouts/index',
        'payout-batch/index',
        'question-banks/index',
        'question-bank/index',
        'draw-admin/index',
        'stations/index',
        'draw-setup/index',
        'refunds/index',
        'bans/index',
      ],
    },
    // 收银台 and 我的订单 (paid places: pay by the deadline, refunds), opened from a win or from 我的.
    { root: 'orders', pages: ['cashier/index', 'list/index'] },
    // A person's rights (隐私与个人信息: the texts, the data export, closing an account): opened
    // rarely, so outside the main package.
    { root: 'privacy', pages: ['index', 'document/index', 'export/index', 'closing/index'] },
    // A member's business (补贴申请 with its ticket upload, 入会申请 in its steps, 转会, and an application's 办理进度),
    // opened now and then: outside the main package, which is at its 700 KiB budget.
    { root: 'apply', pages: ['subsidy/index', 'join/index', 'application/index', 'transfer/index'] },
    // 职工驿站: the station finder (nearest first, a list and a map), outside the main package.
    { root: 'stations', pages: ['finder/index'] },
    // 困难帮扶: the self-check (before log-in), the form in steps, progress, 公示 with objections, and
    // the 帮扶 officials' queue, 入户核查, files (一户一档) with the re-check, and the 低保 standards.
    {
      root: 'hardship',
      pages: [
        'self-check/index',
        'apply/index',
        'case/index',
        'mine/index',
        'publicity/index',
        'queue/index',
        'visit/index',
        'files/index',
        'file/index',
        'standards/index',
      ],
    },
  ],
  // WeChat's privacy guide: privacy APIs wait for onNeedPrivacyAuthorization (src/services/privacy.ts).
  __usePrivacyCheck__: true,
  // 职工驿站's 附近 asks for the location (gcj02) only when tapped; declared here and explained below
  // (the API must also be applied for in the mini-program's admin console before release).
  requiredPrivateInfos: ['getLocation'],
  // Each page injects only the components it renders (WeChat's 按需注入): a faster first start.
  lazyCodeLoading: 'requiredComponents',
  // Which pages WeChat search may index (src/sitemap.json, copied into the weapp build).
  sitemapLocation: 'sitemap.json',
  permission: { 'scope.userLocation': { desc: '用于查找您附近的职工驿站和服务站点' } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '海南工会云',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#5c6370',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/benefits/index',
        text: '普惠',
        iconPath: 'assets/tabbar/benefits.png',
        selectedIconPath: 'assets/tabbar/benefits-active.png',
      },
      {
        pagePath: 'pages/services/index',
        text: '办事',
        iconPath: 'assets/tabbar/services.png',
        selectedIconPath: 'assets/tabbar/services-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
});
