import * as z from 'zod/mini';
import { BINDING_CONSENT_VERSION } from './me';
import { PRIVACY_POLICY_VERSION } from './privacy-version';
import { contract } from '../../kernel/contracts/contract';

/**
 * The privacy texts, versioned, shared by the functions (GET /api/privacy) and the mini-program
 * (its 隐私政策 and 会员信息授权说明 pages). Each says only what this code does; a change of what is
 * collected, why or with whom it is shared is a new version (and for the 会员信息授权说明 a new
 * BINDING_CONSENT_VERSION, which binding records with the member's consent).
 *
 * Page names used in the texts ("我的" ›「隐私与个人信息」, 「导出我的数据」, 「注销账号」) are the
 * ones the mini-program's pages must carry.
 */

export const privacySectionSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    heading: z.string(),
    paragraphs: z.array(z.string()),
  }),
);

export const privacyDocumentSchema = /* @__PURE__ */ contract(() =>
  z.strictObject({
    id: z.enum(['member-consent', 'privacy-policy']),
    title: z.string(),
    /** The version a consent records (the 会员信息授权说明's is BINDING_CONSENT_VERSION). */
    version: z.string(),
    /** The date (China) this version took effect, `YYYY-MM-DD`. */
    updatedAt: z.string(),
    sections: z.array(privacySectionSchema),
  }),
);
export type PrivacyDocument = z.infer<typeof privacyDocumentSchema>;

/** GET /api/privacy (no log-in): both texts, for the H5 and WeChat pages to render. */
export const privacyResponse = /* @__PURE__ */ contract(() =>
  z.strictObject({
    documents: z.array(privacyDocumentSchema),
  }),
);
export type PrivacyResponse = z.infer<typeof privacyResponse>;

/** Who answers questions and requests about personal information (PIPL art. 17, 50). */
export const PRIVACY_CONTACT = '海南省总工会';

/** Where the member exercises their rights in the mini-program. */
const RIGHTS_PLACE = '小程序「我的」›「隐私与个人信息」';

export const MEMBER_CONSENT: PrivacyDocument = {
  id: 'member-consent',
  title: '会员信息授权说明',
  version: BINDING_CONSENT_VERSION,
  updatedAt: '2026-12-03',
  sections: [
    {
      heading: '一、这份说明是什么',
      paragraphs: [
        '您在本小程序进行“会员实名绑定”前，需要阅读并同意本说明。实名绑定会处理您的身份证号，身份证号属于《中华人民共和国个人信息保护法》规定的敏感个人信息，因此我们单独征得您的同意，并记录您同意的时间和本说明的版本号。',
        '不进行实名绑定，您仍可以登录小程序、浏览普惠权益和提交入会申请，但不能出示电子会员卡、领取普惠权益或办理转会、补贴等会员业务。',
      ],
    },
    {
      heading: '二、绑定时处理哪些信息',
      paragraphs: [
        '姓名和身份证号：由您填写，用于与您所在工会的会员名册核对。您填写的身份证号只用于这次核对，不会另行保存；名册中原有的身份证号由工会录入。',
        '手机号：您点击“获取手机号”后，由微信提供它为您验证过的手机号。我们用这个号码在会员名册中找到您，再核对姓名和身份证号；名册中的手机号不会因此改变。',
        '微信 openid：微信分配给您在本小程序中的用户标识。绑定成功后，您的 openid 与名册中的会员记录相关联，并记录绑定时间、同意时间和本说明的版本号。',
        '为防止他人冒用，我们会统计每个账号和每个网络地址的绑定尝试次数（一般在1至2天内自动删除），核对失败时不告诉任何人是哪一项不符。',
      ],
    },
    {
      heading: '三、为什么处理',
      paragraphs: [
        '确认您就是工会会员名册中的本人（姓名和身份证号人人可能知道，只有微信验证过的手机号能证明是您本人在操作），然后为您签发电子会员卡，让您领取会员专属的普惠权益、办理转会和补贴等工会业务。我们不会把这些信息用于上述目的以外的用途。',
      ],
    },
    {
      heading: '四、如何保存',
      paragraphs: [
        '身份证号以 AES-256-GCM 加密保存，并另存一个带密钥的散列值用于查找；不单独保存出生日期。在小程序、导出文件和系统日志中，身份证号只显示前2位和后2位，手机号只显示前3位和后4位。',
        '数据保存在中华人民共和国境内的云服务（亚马逊云科技中国（宁夏）区域）中，传输全程加密。',
      ],
    },
    {
      heading: '五、谁能看到',
      paragraphs: [
        '您本人。',
        '您所在的工会及其上级工会（直至海南省总工会）的工作人员，在其职责范围内办理会籍、审核申请、核验会员卡时可以看到；平台管理员在维护系统时可以看到。他们看到的身份证号同样只显示前2位和后2位。',
        '合作商户的核销员核验您的会员码或券码时，只看到核验结果和部分隐去的姓名（如“张*”）。',
        '我们不会向其他任何单位或个人出售或提供您的信息，法律法规另有规定的除外。',
      ],
    },
    {
      heading: '六、保存多久',
      paragraphs: [
        '会员名册中的姓名、身份证号、手机号、所在工会和会员卡号，是工会依照《中华人民共和国工会法》和《中国工会会员会籍管理办法》保管的会籍档案，在您的会员关系存续期间由工会保存，不因您注销小程序账号而删除。',
        '您的微信账号与会员记录之间的绑定，保存到您注销账号为止；您同意本说明的时间和版本号随名册保存，作为此前依法处理您信息的凭证。',
      ],
    },
    {
      heading: '七、您的权利和行使方式',
      paragraphs: [
        `查阅和复制：在${RIGHTS_PLACE}中点击「导出我的数据」，下载平台保存的与您有关的全部信息。`,
        '更正：名册中的姓名、手机号、所在工会等由工会维护，请联系您所在的工会更正。',
        `撤回同意、注销账号：在${RIGHTS_PLACE}中点击「注销账号」并输入“注销”确认。注销后绑定即解除，您仍可在以后重新登录并再次绑定。撤回同意不影响此前已进行的处理。`,
        `其他请求或疑问（包括要求解释处理规则），请联系${PRIVACY_CONTACT}；我们会在15个工作日内答复。`,
      ],
    },
  ],
};

export const PRIVACY_POLICY: PrivacyDocument = {
  id: 'privacy-policy',
  title: '隐私政策',
  version: PRIVACY_POLICY_VERSION,
  updatedAt: '2026-12-03',
  sections: [
    {
      heading: '一、我们是谁',
      paragraphs: [
        `本小程序（海南工会云·普惠小程序）由${PRIVACY_CONTACT}运营，为工会会员提供电子会员卡、普惠权益和工会业务在线办理，为工会工作人员和合作商户提供审核、核销等功能。${PRIVACY_CONTACT}是您个人信息的处理者。`,
      ],
    },
    {
      heading: '二、我们处理哪些信息，为什么',
      paragraphs: [
        '登录：您的微信 openid（微信分配的用户标识）、账号创建时间和您在平台中的身份（会员、工会工作人员、商户核销员、管理员）。微信的会话密钥不会离开服务器，也不会保存。',
        '会员实名绑定：姓名、身份证号、微信验证的手机号，详见《会员信息授权说明》。',
        '电子会员卡：会员卡号、签发时间和以前用过的卡号；每次会员码被核验时，记录卡号、时间、核验人及其身份，以便追溯。',
        '普惠权益：您领取的券、领取时间、状态，以及核销的商户和时间；为落实限量、限领和分市配额，记录您每项权益已领取的数量。',
        '工会业务：入会申请表中的姓名、性别、出生日期、民族、就业状态、身份证号、学历、技能等级、手机号、户籍、现居住地、政治面貌、工作单位和是否农民工；转会的原工会、目标工会和理由；补贴申请的出行日期、起止车站、票价、补贴金额和证明图片；以及每一步的审核工会、审核意见、办理时间，您的“好差评”评价和工会的回访记录。',
        '证明图片：只有在您提交补贴等申请、点击上传时，小程序才会请您从相册选择或拍摄图片，并且只上传您选中的图片。图片保存在不公开的存储空间中（服务器端加密），只有您本人、审核您申请的工会及其上级工会和平台管理员能通过有效期15分钟的链接查看。',
        '微信订阅消息：只有在您点击同意接收后，我们才通过微信向您发送办理进度等通知，发送时向微信提供您的 openid 和通知内容（事项、结果、办理单位、时间、备注）。工会工作人员会收到待办和超期提醒。',
        '安全和运行记录：系统日志只记录请求的类型、结果、耗时和错误代码，不记录姓名、身份证号和手机号；云服务的接入日志会记录访问来源的网络地址，这是《中华人民共和国网络安全法》要求留存的网络日志。',
      ],
    },
    {
      heading: '三、小程序会请求的权限',
      paragraphs: [
        '手机号：仅在您点击“获取手机号”进行实名绑定时。',
        '相册和相机：仅在您上传证明图片时。',
        '在首次使用上述功能前，小程序会请您阅读并同意本小程序的隐私保护指引；不同意不影响您使用其他功能。',
      ],
    },
    {
      heading: '四、存储和保护',
      paragraphs: [
        '数据保存在中华人民共和国境内（亚马逊云科技中国（宁夏）区域，由宁夏西云数据科技有限公司运营），不向境外提供。身份证号加密保存，在任何页面、导出文件和日志中都只显示前2位和后2位；手机号只显示前3位和后4位。工作人员只能在自己工会及下级工会的范围内办理业务。',
      ],
    },
    {
      heading: '五、委托处理和共享',
      paragraphs: [
        '我们不出售您的个人信息。为提供服务，以下单位会接触到必要的信息：腾讯（微信登录、手机号验证、订阅消息）；云服务提供方（存储和运行）；您使用权益的合作商户（核销时看到券的信息和部分隐去的姓名）；您所在工会及其上级工会（办理会籍和业务）。',
      ],
    },
    {
      heading: '六、保存期限',
      paragraphs: [
        '账号信息保存到您注销账号为止。',
        '会员名册（会籍档案）由工会在您的会员关系存续期间保存；已办结或已撤回的申请、补贴发放记录和评价是工会的业务档案，按工会档案管理的要求保存；已核销的券和核销记录是商户与工会结算的凭据，按结算和财务的要求保存。',
      ],
    },
    {
      heading: '七、导出您的数据',
      paragraphs: [
        `在${RIGHTS_PLACE}中点击「导出我的数据」，可以下载一个 JSON 文件，包括：账号（openid、创建时间、身份）；绑定和您同意的授权说明版本；名册信息（姓名、部分隐去的身份证号和手机号、所在工会）；会员卡及以前的卡号和核验记录；您的券、状态和核销记录；您的申请及其办理过程、评价和补贴发放；您上传的证明图片的存储编号。文件中身份证号只显示前2位和后2位：您本人知道完整号码，而文件离开小程序后可能被转发或被他人看到。`,
      ],
    },
    {
      heading: '八、注销账号',
      paragraphs: [
        `在${RIGHTS_PLACE}中点击「注销账号」，并输入“注销”二字确认。注销后：您的账号及其身份被删除，与会员记录的绑定解除（以后您可以重新登录，作为新账号再次绑定）；未使用的券作废，不能再核销，领取名额不退回；正在办理中的申请自动撤回；您提交过的申请与您的微信账号断开关联。`,
        '以下信息依法或依工会档案要求保留：会员名册中的记录（工会的会籍档案）；已办结或已撤回的申请、补贴发放和评价（工会的业务档案）；已核销的券和核销记录（商户结算凭据）；会员卡核验记录（核验追溯）；您同意授权说明的时间和版本（此前合法处理的凭证）。',
      ],
    },
    {
      heading: '九、您的其他权利',
      paragraphs: [
        `您可以要求查阅、复制、更正、补充、删除您的个人信息，撤回同意，或要求我们解释处理规则。名册信息的更正请联系您所在的工会；其他请求请联系${PRIVACY_CONTACT}，我们会在15个工作日内答复。对答复不满意的，您可以向网信部门投诉。`,
      ],
    },
    {
      heading: '十、未成年人',
      paragraphs: ['本小程序面向工会会员和职工，不面向未满14周岁的未成年人。'],
    },
    {
      heading: '十一、本政策的更新',
      paragraphs: [
        '本政策和《会员信息授权说明》都标有版本号和生效日期。内容有变化时，我们会发布新版本并在小程序中提示；处理敏感个人信息的目的或方式改变时，会重新征得您的同意。',
      ],
    },
    {
      heading: '十二、联系我们',
      paragraphs: [`个人信息保护相关事宜，请联系${PRIVACY_CONTACT}，也可以通过您所在的工会转达。`],
    },
  ],
};

/** Both texts, in the order the pages list them. */
export const PRIVACY_DOCUMENTS: readonly PrivacyDocument[] = [PRIVACY_POLICY, MEMBER_CONSENT];
