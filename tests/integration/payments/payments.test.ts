import { createPublicKey, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptResource, payMessage, responseMessage, rsaSign, rsaVerify } from '../../../functions/payments/wechatpay/crypto';
import { account, benefitWorld, boundMember, official, requestId, type BenefitWorld } from '../../support/benefits';
import { benefitWithDraw, drawWorld, outcomeOf, questions, rightAnswers, type DrawWorld } from '../../support/draws';
import { APP_ID, eventually, MCHID, paymentWorld, type PaymentWorld } from '../../support/payments';

/**
 * Paying for a place with WeChat Pay v3 on DynamoDB Local, against the local fake of WeChat Pay:
 * notifications delivered twice, forged, probed; the deadline racing the member's payment; the
 * release and the waiting list; refunds; a paid code left unused and the ban it brings.
 */

// A short window (2 minutes) so a place's deadline is near: set before the benefits' deps are built.
process.env.PAY_WINDOW_MINUTES = '2';
const MINUTE = 60_000;

let world: BenefitWorld;
let draws: DrawWorld;
let pay: PaymentWorld;

beforeAll(async () => {
  world = await benefitWorld('pay');
  draws = await drawWorld();
  pay = await paymentWorld();
}, 60_000);

afterAll(async () => {
  await pay?.stop();
});

/** A priced instant draw that every pass wins (stock `stock`); returns ids and the bank. */
async function pricedDraw(stock = 10, overrides: Record<string, unknown> = {}) {
  const { bank } = await draws.uc.createBank(draws.deps, world.admin, { orgId: world.province.id, title: '工会法', questions: questions(4) });
  const ids = await benefitWithDraw(world, draws, { kind: 'instant', winRate: 1, quiz: { bankId: bank.id, questionsPerAttempt: 2, passMark: 2 } }, { stock, perMemberLimit: 2, priceFen: 100, ...overrides });
  return { ...ids, bankId: bank.id };
}

/** A member's win of a priced draw: the place (a coupon awaiting payment). */
async function win(drawId: string, bankId: string, member: { openid: string }): Promise<string> {
  const { attempt } = await draws.uc.startAttempt(draws.deps, member.openid, drawId);
  const answers = await rightAnswers(draws, bankId, attempt.questions.map((q) => q.id));
  const { result } = await draws.uc.submitAttempt(draws.deps, member.openid, attempt.id, answers);
  expect(result.ticket?.place?.state).toBe('awaiting_payment');
  return result.ticket!.place!.couponId;
}

/** A member's won place of a fresh priced draw (the clock reset), and its order opened at the 收银台. */
async function placeToPay(stock = 10) {
  pay.setClock(Date.now());
  const draw = await pricedDraw(stock);
  const member = await boundMember(world, world.unions.haikou.id);
  const couponId = await win(draw.drawId, draw.bankId, member);
  const { order } = await pay.uc.openCashier(pay.deps, member.openid, couponId);
  return { ...draw, member, couponId, order };
}

async function remaining(benefitId: string): Promise<number> {
  const benefit = (await world.deps.benefits.get(benefitId))!;
  return (await world.deps.benefits.counts([benefit])).get(benefitId)!.remaining;
}

const couponState = async (couponId: string) => (await pay.deps.places.place(couponId))?.state;

describe('the 收银台 and the payment notification', () => {
  it('opens a JSAPI order whose time_expire is the deadline, signs paySign, and applies a payment once however often it is delivered', async () => {
    pay.setClock(Date.now());
    const { drawId, bankId, benefitId } = await pricedDraw();
    const member = await boundMember(world, world.unions.haikou.id);
    const couponId = await win(drawId, bankId, member);
    const place = (await pay.deps.places.place(couponId))!;
    expect(place.payBy! - place.claimedAt).toBe(2 * MINUTE);

    // 我的订单 shows the place before any order exists.
    const before = await pay.uc.myOrders(pay.deps, member.openid);
    expect(before.items.find((o) => o.couponId === couponId)).toMatchObject({ state: 'awaiting_payment', canPay: true, amountFen: 100, refundPolicyText: '本权益支付后不予退款' });

    const opened = await pay.uc.openCashier(pay.deps, member.openid, couponId);
    expect(opened.order).toMatchObject({ state: 'paying', amountFen: 100, benefitId });
    const p = opened.payment;
    expect(rsaVerify(pay.merchant.publicKey, payMessage(APP_ID, p.timeStamp, p.nonceStr, p.package), p.paySign)).toBe(true);
    const wechatOrder = pay.fake.orders.get(opened.order.id)!;
    // time_expire is RFC 3339 to the second: the deadline, rounded down.
    expect(wechatOrder.time_expire).toBe(Math.floor(place.payBy! / 1000) * 1000);
    expect(`prepay_id=${wechatOrder.prepay_id}`).toBe(p.package);
    // Again: the same order, the same prepay_id (WeChat Pay answers the same fields alike).
    expect((await pay.uc.openCashier(pay.deps, member.openid, couponId)).payment.package).toBe(p.package);
    // Another member cannot pay for it.
    const other = await boundMember(world, world.unions.haikou.id);
    expect(await outcomeOf(pay.uc.openCashier(pay.deps, other.openid, couponId))).toBe('PLACE_NOT_FOUND');

    expect(await pay.fake.pay(opened.order.id)).toEqual({ ok: true });
    await eventually(async () => (await pay.deps.orders.get(opened.order.id))?.state === 'paid');
    const paid = (await pay.deps.orders.get(opened.order.id))!;
    const code = (await pay.deps.places.place(couponId))!;
    expect(code.state).toBe('unused');
    expect(code.useEndsAt - paid.paidAt!).toBe(60 * 24 * 60 * MINUTE);
    expect((await world.uc.listMyCoupons(world.deps, member.openid, 'unused')).items.map((c) => c.id)).toContain(couponId);

    // Delivered again, three times at once: answered 200, applied once (the version did not move).
    const sent = pay.fake.notifications.filter((n) => n.url === pay.notifyUrl).at(-1)!;
    await eventually(async () => sent.answers.length > 0); // the fake records the answer once it has it
    const answers = await Promise.all([pay.fake.redeliver(sent.id), pay.fake.redeliver(sent.id), pay.fake.redeliver(sent.id)]);
    expect(answers).toEqual([200, 200, 200]);
    expect((await pay.deps.orders.get(opened.order.id))!.version).toBe(paid.version);
    expect(await outcomeOf(pay.uc.openCashier(pay.deps, member.openid, couponId))).toBe('ORDER_ALREADY_PAID');
  });

  it('refuses probes, forged, stale and mismatched notifications before applying anything', async () => {
    const { member, couponId, order } = await placeToPay();

    // WeChat Pay's probe: 4xx.
    expect(await pay.fake.probe(pay.notifyUrl)).toBe(401);

    const transaction = (total: number) => ({ appid: APP_ID, mchid: MCHID, out_trade_no: order.id, transaction_id: '4200000001', trade_state: 'SUCCESS', success_time: new Date().toISOString(), amount: { total, currency: 'CNY' }, payer: { openid: member.openid } });
    const envelope = (resource: object) => {
      const nonce = randomBytes(6).toString('hex');
      return JSON.stringify({ id: `EV-${nonce}`, event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction', associated_data: 'transaction', nonce, ciphertext: encryptResource(pay.apiV3Key, JSON.stringify(resource), 'transaction', nonce) } });
    };
    const post = async (body: string, key = pay.wechatKey, ts = Math.floor(pay.clock.now / 1000), serial = pay.publicKeyId) => {
      const headers = { 'content-type': 'application/json', 'wechatpay-serial': serial, 'wechatpay-timestamp': String(ts), 'wechatpay-nonce': 'n0', 'wechatpay-signature': rsaSign(key, responseMessage(String(ts), 'n0', body)) };
      return (await fetch(pay.notifyUrl, { method: 'POST', headers, body })).status;
    };
    // Signed by someone else (the merchant's own key), under the right serial: 401.
    expect(await post(envelope(transaction(100)), pay.merchant.privateKey)).toBe(401);
    // WeChat Pay's key but 6 minutes old: 401. An unknown serial: 401.
    expect(await post(envelope(transaction(100)), pay.wechatKey, Math.floor(pay.clock.now / 1000) - 360)).toBe(401);
    expect(await post(envelope(transaction(100)), pay.wechatKey, undefined, 'PUB_KEY_ID_OTHER')).toBe(401);
    // Correctly signed, but the amount is not the order's: refused, never applied.
    expect(await post(envelope(transaction(1)))).toBe(400);
    // Correctly signed, encrypted with another APIv3 key: 400.
    const wrongKey = JSON.stringify({ id: 'EV-x', event_type: 'TRANSACTION.SUCCESS', resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', nonce: 'abcdefghijkl', ciphertext: encryptResource('ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', '{}', 'transaction', 'abcdefghijkl') } });
    expect(await post(wrongKey)).toBe(400);
    expect((await pay.deps.orders.get(order.id))!.state).toBe('paying');
    expect(await couponState(couponId)).toBe('awaiting_payment');
    // The same, genuine: applied.
    expect(await post(envelope(transaction(100)))).toBe(200);
    expect((await pay.deps.orders.get(order.id))!.state).toBe('paid');
    expect(createPublicKey(pay.wechatKey)).toBeTruthy();
  });

  it('during the switch from the platform certificate takes notifications signed with either, after it only the public key’s', async () => {
    const { member, couponId, order } = await placeToPay();
    const certificate = pay.verifyKeys.get(pay.certificateSerial)!;
    pay.fake.setSigner('certificate');
    try {
      // The switch's last days: the certificate's serial is still configured.
      await pay.fake.pay(order.id);
      await eventually(async () => (await pay.deps.orders.get(order.id))?.state === 'paid');
      const sent = pay.fake.notifications.filter((n) => n.url === pay.notifyUrl).at(-1)!;
      await eventually(async () => sent.answers.length > 0); // the fake records the answer once it has it
      expect(sent.answers[0]).toBe(200);
      // After the switch (the certificate's key removed): the same notification, signed with it, is refused.
      pay.verifyKeys.delete(pay.certificateSerial);
      expect(await pay.fake.redeliver(sent.id)).toBe(401);
    } finally {
      pay.fake.setSigner('public-key');
      pay.verifyKeys.set(pay.certificateSerial, certificate);
    }
  });

  it('finds a payment whose notification never came (reconciliation)', async () => {
    const { member, couponId, order } = await placeToPay();
    pay.fake.setDelivery('drop');
    try {
      await pay.fake.pay(order.id);
      expect((await pay.deps.orders.get(order.id))!.state).toBe('paying');
      const counts = await pay.uc.runSweep(pay.deps, { quietMs: -1 });
      expect(counts.reconciled).toBeGreaterThanOrEqual(1);
      expect((await pay.deps.orders.get(order.id))!.state).toBe('paid');
      expect(await couponState(couponId)).toBe('unused');
    } finally {
      pay.fake.setDelivery('deliver');
    }
  });
});

describe('the deadline', () => {
  it('releases an unpaid place: the order closed at WeChat Pay, the unit back in stock, the member out for the day', async () => {
    pay.setClock(Date.now());
    const { drawId, bankId, benefitId } = await pricedDraw(5);
    const member = await boundMember(world, world.unions.haikou.id);
    const couponId = await win(drawId, bankId, member);
    const never = await boundMember(world, world.unions.haikou.id);
    const neverCoupon = await win(drawId, bankId, never); // never opens the 收银台
    const { order } = await pay.uc.openCashier(pay.deps, member.openid, couponId);
    expect(await remaining(benefitId)).toBe(3);

    const place = (await pay.deps.places.place(couponId))!;
    pay.setClock(place.payBy! + 1_000);
    expect(await pay.fake.pay(order.id)).toEqual({ ok: false, reason: '订单已过支付期限' });
    expect(await pay.uc.settleDeadline(pay.deps, place)).toBe('released');
    expect(await pay.uc.settleDeadline(pay.deps, (await pay.deps.places.place(neverCoupon))!)).toBe('released');
    expect(pay.fake.orders.get(order.id)!.state).toBe('CLOSED');
    expect((await pay.deps.orders.get(order.id))!.state).toBe('released');
    expect(await couponState(couponId)).toBe('released');
    expect(await remaining(benefitId)).toBe(5);
    // Once more (a second sweep): nothing moves.
    expect(await pay.uc.settleDeadline(pay.deps, place)).toBe('released');
    expect(await remaining(benefitId)).toBe(5);
    // 我的订单 shows both as released; the member may not take part again that day.
    const mine = await pay.uc.myOrders(pay.deps, never.openid);
    expect(mine.items.find((o) => o.couponId === neverCoupon)).toMatchObject({ state: 'released', canPay: false });
    draws.clock.now = pay.clock.now;
    try {
      expect(await outcomeOf(draws.uc.startAttempt(draws.deps, member.openid, drawId))).toBe('PAYMENT_LAPSED_TODAY');
    } finally {
      draws.clock.now = Date.now();
    }
    expect(await outcomeOf(pay.uc.openCashier(pay.deps, member.openid, couponId))).toBe('PAY_DEADLINE_PASSED');
  });

  it('refuses the 收银台 and closes the WeChat Pay order when the release lands while it was being opened', async () => {
    pay.setClock(Date.now());
    const { drawId, bankId, benefitId } = await pricedDraw(3);
    const member = await boundMember(world, world.unions.haikou.id);
    const couponId = await win(drawId, bankId, member);
    const gateway = await pay.deps.pay();
    const realJsapi = gateway.client.jsapi;
    // The deadline run settles the place between the order's write and WeChat Pay's answer.
    const deps = {
      ...pay.deps,
      pay: async () => ({
        ...gateway,
        client: {
          ...gateway.client,
          jsapi: async (o: Parameters<typeof realJsapi>[0]) => {
            expect(await pay.uc.settleDeadline(pay.deps, (await pay.deps.places.place(couponId))!)).toBe('released');
            return realJsapi(o);
          },
        },
      }),
    };
    expect(await outcomeOf(pay.uc.openCashier(deps, member.openid, couponId))).toBe('PAY_DEADLINE_PASSED');
    const orderId = `P${couponId}`;
    expect(pay.fake.orders.get(orderId)!.state).toBe('CLOSED');
    expect(await pay.fake.pay(orderId)).toEqual({ ok: false, reason: '订单已关闭' });
    expect((await pay.deps.orders.get(orderId))!.state).toBe('released');
    expect(await couponState(couponId)).toBe('released');
    expect(await remaining(benefitId)).toBe(3);
  });

  it('keeps the order paid when the close answers ORDERPAID (paid between the query and the close)', async () => {
    const { benefitId, member, couponId, order } = await placeToPay(3);
    const gateway = await pay.deps.pay();
    const realQuery = gateway.client.query;
    pay.fake.setDelivery('drop');
    // The member pays in the instant after the deadline run asked WeChat Pay.
    const deps = {
      ...pay.deps,
      pay: async () => ({
        ...gateway,
        client: {
          ...gateway.client,
          query: async (no: string) => {
            const answer = await realQuery(no);
            if (answer?.trade_state === 'NOTPAY') await pay.fake.pay(no);
            return answer;
          },
        },
      }),
    };
    try {
      const place = (await pay.deps.places.place(couponId))!;
      pay.setClock(place.payBy! - 2_000);
      expect(await pay.uc.settleDeadline(deps, place)).toBe('paid');
      expect(pay.fake.orders.get(order.id)!.state).toBe('SUCCESS');
      expect((await pay.deps.orders.get(order.id))!.state).toBe('paid');
      expect(await couponState(couponId)).toBe('unused');
      expect(await remaining(benefitId)).toBe(2);
    } finally {
      pay.fake.setDelivery('deliver');
    }
  });

  it('pay at the last second while the release runs: every place ends paid or released, never both, and no money is kept for a released place', async () => {
    pay.setClock(Date.now());
    const { drawId, bankId, benefitId } = await pricedDraw(12);
    const members = await Promise.all(Array.from({ length: 6 }, () => boundMember(world, world.unions.sanya.id)));
    const places = await Promise.all(members.map(async (m) => ({ member: m, couponId: await win(drawId, bankId, m) })));
    const orders = await Promise.all(places.map(async (p) => (await pay.uc.openCashier(pay.deps, p.member.openid, p.couponId)).order));
    const payBy = (await pay.deps.places.place(places[0]!.couponId))!.payBy!;
    pay.setClock(payBy - 200);
    // Each member pays in the last moment while the deadline run settles their place.
    await Promise.all(
      places.map(async (p, i) => {
        const place = (await pay.deps.places.place(p.couponId))!;
        await Promise.all([pay.fake.pay(orders[i]!.id), pay.uc.settleDeadline(pay.deps, place)]);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // notifications in flight
    let paidCount = 0;
    for (const [i, p] of places.entries()) {
      const order = (await pay.deps.orders.get(orders[i]!.id))!;
      const code = await couponState(p.couponId);
      const wechat = pay.fake.orders.get(order.id)!;
      if (order.state === 'paid') {
        paidCount += 1;
        expect(code).toBe('unused');
        expect(wechat.state).toBe('SUCCESS');
      } else {
        expect(order.state === 'released' || order.state === 'refunding' || order.state === 'refunded').toBe(true);
        expect(code).toBe('released');
        // Paid at WeChat Pay for a released place: refunded in full, at once.
        if (wechat.state === 'SUCCESS' || wechat.state === 'REFUND') expect(order.refund?.no).toBe(`R${order.id}`);
      }
    }
    expect(await remaining(benefitId)).toBe(12 - paidCount);
  });
});

/**
 * A priced scheduled draw of `places` places (one pool) that `entrants` new members entered, closed,
 * seeded and confirmed by two officials (the draws' clock two days on meanwhile): its public answer.
 */
async function drawnScheduled(places: number, entrants: number, seed: string, benefit: Record<string, unknown> = {}) {
  const { drawId, benefitId } = await benefitWithDraw(world, draws, { kind: 'scheduled', places: { '*': places }, seedSource: '测试开奖号码' }, { stock: places, priceFen: 100, ...benefit });
  const members = await Promise.all(Array.from({ length: entrants }, () => boundMember(world, world.unions.danzhou.id)));
  for (const m of members) await draws.uc.enterDraw(draws.deps, m.openid, drawId);
  const first = await official(world, world.province.id);
  const second = await official(world, world.province.id);
  draws.clock.now = Date.now() + 2 * 24 * 60 * MINUTE;
  try {
    await draws.uc.closeDraw(draws.deps, first, drawId);
    await draws.uc.proposeSeed(draws.deps, first, drawId, seed);
    await draws.uc.confirmSeed(draws.deps, second, drawId, seed);
  } finally {
    draws.clock.now = Date.now();
  }
  return { drawId, benefitId, members, drawn: (await draws.uc.getPublicDraw(draws.deps, drawId)).draw };
}

describe('the waiting list', () => {
  it('gives a released place to the next ticket of its pool, each released place to a different ticket', async () => {
    const { drawId, benefitId, members, drawn } = await drawnScheduled(2, 6, '01 02 03');
    expect(drawn.winners).toHaveLength(2);
    const mine = await Promise.all(members.map(async (m) => ({ m, t: (await draws.uc.myDraw(draws.deps, m.openid, drawId)).me.tickets[0]! })));
    const winners = mine.filter((x) => x.t.outcome === 'won');
    expect(winners.map((w) => w.t.place?.state)).toEqual(['awaiting_payment', 'awaiting_payment']);

    // Both winners let their deadline pass; the two releases run at once.
    const placeOf = async (couponId: string) => (await pay.deps.places.place(couponId))!;
    const placesNow = await Promise.all(winners.map((w) => placeOf(w.t.place!.couponId)));
    pay.setClock(Math.max(...placesNow.map((p) => p.payBy!)) + 1_000);
    expect(await Promise.all(placesNow.map((p) => pay.uc.settleDeadline(pay.deps, p)))).toEqual(['released', 'released']);

    const after = await Promise.all(members.map(async (m) => (await draws.uc.myDraw(draws.deps, m.openid, drawId)).me.tickets[0]!));
    const promoted = after.filter((t) => drawn.waitlist.slice(0, 2).includes(t.ticket));
    expect(promoted.map((t) => t.outcome)).toEqual(['won', 'won']);
    expect(promoted.every((t) => t.place?.state === 'awaiting_payment')).toBe(true);
    expect(after.filter((t) => drawn.waitlist.slice(2).includes(t.ticket)).every((t) => t.outcome === 'waitlist')).toBe(true);
    expect(await remaining(benefitId)).toBe(0);
    pay.setClock(Date.now());
  });
});

describe("the waiting list's messages", () => {
  it('tells the member promoted (您已递补获得名额, the deadline, 我的订单) and the one released, once each however often the sweep runs', async () => {
    const { drawId, members, drawn } = await drawnScheduled(1, 3, '07 08 09', { title: '一元观影（递补）' });
    const tickets = await Promise.all(members.map(async (m) => ({ m, t: (await draws.uc.myDraw(draws.deps, m.openid, drawId)).me.tickets[0]! })));
    const winner = tickets.find((x) => x.t.outcome === 'won')!;
    const next = tickets.find((x) => x.t.ticket === drawn.waitlist[0])!;
    const last = tickets.find((x) => x.t.ticket === drawn.waitlist[1])!;
    const place = (await pay.deps.places.place(winner.t.place!.couponId))!;

    const { listMessages, markMessageRead } = await import('../../../functions/applications/services/messages');
    const { messageDeps } = await import('../../../functions/applications/services/message-deps');
    const inbox = async (openid: string) => (await listMessages(await messageDeps(), openid)).items;
    expect(await inbox(next.m.openid)).toEqual([]);

    // The winner lets the deadline pass; the sweep runs again (before the promoted place's own
    // deadline, which the reservation sets from the real clock), and the place is settled again
    // (a retried sweep item): nobody is told twice.
    pay.setClock(place.payBy! + 1_000);
    let newPlace: NonNullable<Awaited<ReturnType<typeof pay.deps.places.place>>>;
    try {
      expect((await pay.uc.runSweep(pay.deps, { quietMs: 60 * MINUTE })).released).toBeGreaterThanOrEqual(1);
      const promoted = (await draws.uc.myDraw(draws.deps, next.m.openid, drawId)).me.tickets[0]!;
      expect(promoted.outcome).toBe('won');
      newPlace = (await pay.deps.places.place(promoted.place!.couponId))!;
      pay.setClock(Math.min(place.payBy! + 1_000, newPlace.payBy! - 1_000));
      await pay.uc.runSweep(pay.deps, { quietMs: 60 * MINUTE });
      expect(await pay.uc.settleDeadline(pay.deps, place)).toBe('released');
    } finally {
      pay.setClock(Date.now());
    }
    expect(newPlace.state).toBe('awaiting_payment');
    const heard = await inbox(next.m.openid);
    expect(heard).toHaveLength(1);
    const deadline = new Date(newPlace.payBy! + 8 * 3_600_000);
    const by = `${deadline.getUTCMonth() + 1}月${deadline.getUTCDate()}日 ${deadline.toISOString().slice(11, 16)}`;
    expect(heard[0]).toMatchObject({ id: `${newPlace.id}-0`, applicationId: null, kind: 'order', page: '/orders/list/index', title: '一元观影（递补）', result: '递补中签', read: false });
    // The id the read route accepts (MESSAGE_ID: the place's id, then the version).
    const { MESSAGE_ID } = await import('../../../functions/applications/contracts/messages');
    expect(MESSAGE_ID.pattern.test(heard[0]!.id)).toBe(true);
    expect(heard[0]!.remark).toBe(`您已递补获得名额，请于${by}前在“我的订单”中完成支付，逾期名额将依次递补给下一位。`);

    const released = await inbox(winner.m.openid);
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({ id: `${place.id}-0`, kind: 'order', page: '/orders/list/index', result: '名额已释放' });
    expect(released[0]!.remark).toContain('当天不能再参加本活动');
    expect(await inbox(last.m.openid)).toEqual([]);

    // Exactly one outbox notice each, queued for the sender as a progress message to that member.
    const { NoticeModel } = await import('../../../functions/applications/data/models/notice');
    const stored = await NoticeModel.query('applicationId').eq(newPlace.id).exec();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 0, action: 'member-notice', applicantOpenid: next.m.openid, pending: '1' });
    const { recipientsOf, officialMessageFor } = await import('../../../functions/applications/services/sender');
    const { toOutboxNotice } = await import('../../../functions/applications/data/outbox-store');
    const notice = toOutboxNotice(stored[0]!);
    const [recipient] = await recipientsOf(notice, { officialsOf: async () => [] });
    expect(recipient).toMatchObject({ openid: next.m.openid, template: 'progress' });
    const outgoing = officialMessageFor(notice.message!, recipient!);
    expect(outgoing).toMatchObject({ touser: next.m.openid, template: 'progress', page: 'orders/list/index' });
    expect(outgoing.data).toMatchObject({ phrase2: '递补中签', thing5: `请于${by}前支付` });
    expect(Object.entries(outgoing.data).filter(([k]) => k.startsWith('thing')).every(([, v]) => Array.from(v).length <= 20)).toBe(true);

    // Only its member reads it: anybody else's mark is not found; theirs marks it read once.
    await expect(markMessageRead(await messageDeps(), last.m.openid, heard[0]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await markMessageRead(await messageDeps(), next.m.openid, heard[0]!.id)).message).toMatchObject({ read: true, page: '/orders/list/index' });
    expect((await listMessages(await messageDeps(), next.m.openid)).unread).toBe(0);
  });
});

describe('the refund rule before the 收银台', () => {
  it("我的订单 shows the benefit's own rule for a place not yet opened at the 收银台 (copied to the place when won)", async () => {
    pay.setClock(Date.now());
    const { drawId, bankId, benefitId } = await pricedDraw();
    const { BenefitModel } = await import('../../../functions/benefits/data/models/benefit');
    await BenefitModel.update({ id: benefitId }, { refundPolicy: 'same_day_review' });
    const member = await boundMember(world, world.unions.haikou.id);
    const couponId = await win(drawId, bankId, member);
    expect((await pay.deps.places.place(couponId))?.refundPolicy).toBe('same_day_review');
    const listed = (await pay.uc.myOrders(pay.deps, member.openid)).items.find((o) => o.couponId === couponId);
    expect(listed).toMatchObject({ state: 'awaiting_payment', refundPolicy: 'same_day_review', refundPolicyText: '支付当天24:00前可申请整单退款，经工作人员审核后原路退回' });
    // Released before the 收银台 was ever opened: the order written then keeps the rule too.
    const place = (await pay.deps.places.place(couponId))!;
    pay.setClock(place.payBy! + 1_000);
    try {
      expect(await pay.uc.settleDeadline(pay.deps, place)).toBe('released');
    } finally {
      pay.setClock(Date.now());
    }
    expect((await pay.uc.myOrders(pay.deps, member.openid)).items.find((o) => o.couponId === couponId)).toMatchObject({ state: 'released', refundPolicy: 'same_day_review' });
  });
});

describe('refunds', () => {
  async function paidOrder(policy: 'none' | 'same_day_review') {
    pay.setClock(Date.now());
    const { drawId, bankId, benefitId } = await pricedDraw();
    const { BenefitModel } = await import('../../../functions/benefits/data/models/benefit');
    await BenefitModel.update({ id: benefitId }, { refundPolicy: policy });
    const member = await boundMember(world, world.unions.haikou.id);
    const couponId = await win(drawId, bankId, member);
    const { order } = await pay.uc.openCashier(pay.deps, member.openid, couponId);
    await pay.fake.pay(order.id);
    await eventually(async () => (await pay.deps.orders.get(order.id))?.state === 'paid');
    return { member, couponId, orderId: order.id, benefitId };
  }

  it('follow the stated policy: none for a ¥1 ticket; same-day on review, voiding the code, refunded once by its number', async () => {
    const none = await paidOrder('none');
    expect(await outcomeOf(pay.uc.requestRefund(pay.deps, none.member.openid, none.orderId, '不想看了'))).toBe('REFUND_NOT_ALLOWED');

    const { member, couponId, orderId } = await paidOrder('same_day_review');
    expect((await pay.uc.myOrder(pay.deps, member.openid, orderId)).order).toMatchObject({ canRequestRefund: true, refundPolicy: 'same_day_review' });
    const asked = await pay.uc.requestRefund(pay.deps, member.openid, orderId, '行程有变');
    expect(asked.order.state).toBe('refund_requested');
    const reviewer = await official(world, world.province.id);
    const stranger = await official(world, world.cities.sanya.id);
    expect(await outcomeOf(pay.uc.reviewRefund(pay.deps, stranger, orderId, { approve: true, comment: '同意' }))).toBe('NOT_FOUND');
    // Approved by two officials at once: one refund.
    const reviews = await Promise.all([
      outcomeOf(pay.uc.reviewRefund(pay.deps, reviewer, orderId, { approve: true, comment: '同意退款' })),
      outcomeOf(pay.uc.reviewRefund(pay.deps, await official(world, world.province.id), orderId, { approve: true, comment: '同意' })),
    ]);
    expect(reviews.sort()).toEqual(['REFUND_STATE_INVALID', 'ok']);
    expect(await couponState(couponId)).toBe('void');
    expect(pay.fake.refunds.size).toBeGreaterThanOrEqual(1);
    expect([...pay.fake.refunds.values()].filter((r) => r.out_trade_no === orderId)).toHaveLength(1);
    await pay.fake.settleRefund(`R${orderId}`, 'SUCCESS');
    await eventually(async () => (await pay.deps.orders.get(orderId))?.state === 'refunded');
    // Asked again (a retry after a lost answer): the same refund, nothing more.
    await pay.uc.askRefund(pay.deps, (await pay.deps.orders.get(orderId))!);
    expect([...pay.fake.refunds.values()].filter((r) => r.out_trade_no === orderId)).toHaveLength(1);
    expect((await pay.deps.orders.get(orderId))!.state).toBe('refunded');

    const { listAudit } = await import('../../../functions/audit/services/trail');
    const { productionDeps: auditDeps } = await import('../../../functions/audit/services/deps');
    const trail = (await listAudit(await auditDeps(), world.admin, { action: 'order' })).items.filter((e) => e.target.id === orderId);
    expect(trail.map((e) => e.action)).toEqual(['order.refund']);
  });

  it('a refund that closes can be tried again with the same number; an abnormal one is not final', async () => {
    const { member, orderId } = await paidOrder('same_day_review');
    await pay.uc.requestRefund(pay.deps, member.openid, orderId, '行程有变');
    const reviewer = await official(world, world.province.id);
    expect(await outcomeOf(pay.uc.reviewRefund(pay.deps, member.openid, orderId, { approve: true, comment: '自己批' }))).toBe('FORBIDDEN');
    expect(await outcomeOf(pay.uc.reviewRefund(pay.deps, reviewer, orderId, { approve: true, comment: '同意' }))).toBe('ok');
    await pay.fake.settleRefund(`R${orderId}`, 'ABNORMAL');
    await eventually(async () => (await pay.deps.orders.get(orderId))?.refund?.status === 'abnormal');
    expect((await pay.uc.myOrder(pay.deps, member.openid, orderId)).order.state).toBe('refund_abnormal');
    await pay.fake.settleRefund(`R${orderId}`, 'CLOSED');
    await eventually(async () => (await pay.deps.orders.get(orderId))?.state === 'refund_failed');
    expect(pay.fake.refunds.get(`R${orderId}`)!.status).toBe('CLOSED');
    // Approved again: the same refund number, asked again, this time refunded.
    expect((await pay.uc.reviewRefund(pay.deps, reviewer, orderId, { approve: true, comment: '重新发起' })).order.state).toBe('refunding');
    await pay.fake.settleRefund(`R${orderId}`, 'SUCCESS');
    await eventually(async () => (await pay.deps.orders.get(orderId))?.state === 'refunded');
    expect([...pay.fake.refunds.keys()].filter((no) => no === `R${orderId}`)).toHaveLength(1);
  });

  it('an official never decides their own refund', async () => {
    pay.setClock(Date.now());
    const { drawId, bankId, benefitId } = await pricedDraw();
    const { BenefitModel } = await import('../../../functions/benefits/data/models/benefit');
    await BenefitModel.update({ id: benefitId }, { refundPolicy: 'same_day_review' });
    const officialMember = await boundMember(world, world.unions.haikou.id, '符官员', [{ type: 'official', orgId: world.province.id }]);
    const couponId = await win(drawId, bankId, officialMember);
    const { order } = await pay.uc.openCashier(pay.deps, officialMember.openid, couponId);
    await pay.fake.pay(order.id);
    await eventually(async () => (await pay.deps.orders.get(order.id))?.state === 'paid');
    await pay.uc.requestRefund(pay.deps, officialMember.openid, order.id, '行程有变');
    expect(await outcomeOf(pay.uc.reviewRefund(pay.deps, officialMember.openid, order.id, { approve: true, comment: '自己批' }))).toBe('REFUND_SAME_PERSON');
  });

});

describe('paid codes and bans', () => {
  it('a paid code left unused past its end bars the member from the owner’s benefits until the end date; an official lifts it, audited', async () => {
    const { member, couponId, order } = await placeToPay();
    await pay.fake.pay(order.id);
    await eventually(async () => (await pay.deps.orders.get(order.id))?.state === 'paid');
    const code = (await pay.deps.places.place(couponId))!;

    pay.setClock(code.useEndsAt + MINUTE);
    expect(await pay.uc.expireCode(pay.deps, code, pay.clock.now)).toBe(true);
    expect(await pay.uc.expireCode(pay.deps, code, pay.clock.now)).toBe(false); // once
    const mine = await pay.uc.myOrders(pay.deps, member.openid);
    expect(mine.bans).toHaveLength(1);
    expect(mine.bans[0]).toMatchObject({ orgId: world.province.id });
    expect(mine.bans[0]!.untilText).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);

    // Another benefit of the same owner: refused with the end date (claims read the real clock: the
    // ban, written "in the future", is active now too).
    const { publishedBenefit } = await import('../../support/benefits');
    const free = await publishedBenefit(world, { stock: 5 });
    const refused = world.uc.claimBenefit(world.deps, member.openid, free, requestId());
    await expect(refused).rejects.toMatchObject({ code: 'BENEFIT_BANNED', message: expect.stringContaining(mine.bans[0]!.untilText) });

    const stranger = await official(world, world.cities.sanya.id);
    // 会员限制: the member's bans as an official of the banning union sees them; none for a stranger.
    expect(await outcomeOf(pay.uc.listBans(pay.deps, stranger, member.memberId))).toBe('NOT_FOUND');
    const seen = await pay.uc.listBans(pay.deps, await official(world, world.province.id), member.memberId);
    expect(seen.member).toEqual({ id: member.memberId, name: expect.stringContaining('*') });
    expect(seen.items).toEqual([expect.objectContaining({ orgId: world.province.id, active: true, liftedAt: null, untilText: mine.bans[0]!.untilText })]);
    expect(await outcomeOf(pay.uc.liftBan(pay.deps, stranger, { memberId: member.memberId, orgId: world.province.id, reason: '误判' }))).toBe('FORBIDDEN');
    const lifter = await official(world, world.province.id);
    await pay.uc.liftBan(pay.deps, lifter, { memberId: member.memberId, orgId: world.province.id, reason: '会员因病未能按时使用，已核实' });
    expect(await outcomeOf(pay.uc.liftBan(pay.deps, lifter, { memberId: member.memberId, orgId: world.province.id, reason: '再次' }))).toBe('BAN_NOT_FOUND');
    expect((await pay.uc.listBans(pay.deps, lifter, member.memberId)).items).toEqual([expect.objectContaining({ active: false, liftedAt: expect.stringMatching(/\+08:00$/) })]);
    expect((await world.uc.claimBenefit(world.deps, member.openid, free, requestId())).created).toBe(true);
    const { listAudit } = await import('../../../functions/audit/services/trail');
    const { productionDeps: auditDeps } = await import('../../../functions/audit/services/deps');
    const trail = (await listAudit(await auditDeps(), world.admin, { action: 'ban' })).items.filter((e) => e.target.id === member.memberId);
    expect(trail.map((e) => e.action)).toEqual(['ban.lift']);
    expect(await account(world.membership, lifter)).toBe(lifter);

    // The member's data export (PIPL) holds the order and the ban, lifted.
    const { paymentsDataSubject } = await import('../../../functions/payments');
    const exported = await paymentsDataSubject.export(member.memberId);
    expect(exported.orders.find((o) => o.id === order.id)).toMatchObject({ state: 'paid', amountFen: 100, refundPolicy: '本权益支付后不予退款', transactionId: expect.any(String) });
    expect(exported.bans).toEqual([expect.objectContaining({ orgId: world.province.id, liftedAt: expect.stringMatching(/\+08:00$/) })]);
    pay.setClock(Date.now());
  });
});
