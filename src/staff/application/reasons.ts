/** Reasons reviewers write again and again: a tap puts one in the comment, to be edited. */
export const REASON_TEMPLATES = [
  '材料齐全，同意。',
  '材料不全，请补充后重新提交。',
  '填写的信息与证明材料不一致，请核对后重新提交。',
  '不符合本项申请的条件。',
  '请先与现所在工会联系确认后再申请。',
  '属于其他工会办理的范围，转交办理。',
] as const;

/** The comment with a template added: the template alone when empty, else after what is there (never twice). */
export function withTemplate(comment: string, template: string, max = 200): string {
  const current = comment.trim();
  if (current.includes(template)) return comment;
  return (current ? `${current}${template}` : template).slice(0, max);
}
