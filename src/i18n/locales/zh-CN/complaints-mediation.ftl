# 投诉的紧急时限、延期与复查（信访工作条例第二十三条、第三十四条、第三十五条），调解协议（人民调解法第二十八条至第三十三条）。
# Loaded with zh-CN.ftl (same locale directory name).

## 紧急投诉、延期（信访工作条例第二十三条、第三十四条）
staff-complaint-urgent = ⚠ 紧急投诉 { $number }（涉及安全隐患）：请立即安排处置，须在 { $due } 前办结（按小时计算，节假日不停）。
staff-extension-requested-complaint = { $number } 申请延期 { $days } 日，理由：{ $reason }
card-extension-pending-complaint = 申请延期 { $days } 日，请批准或不批准（《信访工作条例》第三十四条：延长期限不得超过 30 日）：
staff-extension-days-complaint = 申请延长多少日？（1 至 { $max } 日，按自然日计算）发送 /cancel 放弃。
staff-extension-days-complaint-invalid = 请输入允许范围内的整数天数。
notify-extended-complaint = 您的投诉 { $number } 经负责人批准，办理期限延长 { $days } 日，将在 { $due } 前答复您。延期理由：{ $reason }
staff-card-extension-requested = 已申请延期 { $days } 日，待负责人审批
staff-card-extension-approved = 已批准延期 { $days } 日
staff-card-extension-rejected = 延期申请未获批准

## 复查（信访工作条例第三十五条）
rate-reopened = 已收到您的复查申请。事项 { $number } 已交「{ $department }」负责人复查，将在 { $due } 前给您复查意见（《信访工作条例》第三十五条）。
review-too-late = 事项 { $number } 已于 { $answered } 答复，超过 30 日，不能再通过这里申请复查（《信访工作条例》第三十五条：自收到答复之日起 30 日内请求复查）。如有新的情况，可以发送 /new 重新反映。
staff-reopened = 群众对 { $number } 的答复不满意，申请复查。请在 { $due } 前出具复查意见（《信访工作条例》第三十五条）。
staff-reopened-handler = 群众对 { $number } 的答复不满意，已申请复查，由部门负责人复查。
card-turn-review = 「{ $department }」负责人复查
staff-card-review = 复查：群众于 { $since } 申请复查，复查期限 { $due }（《信访工作条例》第三十五条）
staff-card-review-decided = 复查：{ $at } 出具复查意见（{ $result }）
btn-review-upheld = 复查：维持原答复
btn-review-changed = 复查：变更处理意见
review-result-upheld = 维持原答复
review-result-changed = 变更处理意见
staff-review-opinion-prompt = 请输入 { $number } 的复查意见，将发送给群众。发送 /cancel 放弃。
staff-review-sent = 已出具 { $number } 的复查意见并告知群众。
staff-review-decided = { $number } 的复查意见已出具（{ $result }）。
notify-review-decided =
    您对 { $number } 申请的复查已有复查意见：{ $result }。
    { $opinion }
    如对复查意见不服，可以自收到之日起 30 日内向复查机关的上一级行政机关请求复核。

## 调解邀请与调解协议（人民调解法第二十八条至第三十三条）
party-invitation =
    您好，{ $other }。「{ $inviter }」邀请您参加一项调解（{ $number }）。
    申请人：{ $applicant }
    纠纷类型：{ $type }
    申请人的请求：{ $request }
    调解遵循自愿原则，您可以拒绝。
    个人信息：您的回复只用于这项调解，调解员可以看到您的回复，看不到您的 Telegram 账号。点击「同意调解」即表示您同意为此处理这些信息；点击「不同意」调解即终止，我们只记录您的答复。
party-invite-own = 这是您自己申请的调解的邀请链接，请把它转给对方当事人，由对方来答复。
mediation-party-applicant = 申请人
mediation-party-other = 对方当事人
mediation-agreement =
    调解协议（{ $number }）
    当事人：申请人 { $applicant }；对方当事人 { $other }
    纠纷的主要事实和争议事项：{ $facts }
    各方当事人的责任：{ $responsibilities }
    { $applicant } 将：{ $applicantDoes }
    { $other } 将：{ $otherDoes }
    履行方式：{ $how }
    履行期限：{ $by } 前
btn-confirm-agreement = 确认调解协议
notify-agreement-confirm = 请核对以上调解协议。双方都确认后，协议即生效（《人民调解法》第二十九条、第三十条）。如有异议，请不要确认，并联系调解员。
agreement-confirm-refused = 这份调解协议已经确认过，或已有更新的版本。
agreement-confirmed-waiting = 已记录您对 { $number } 调解协议的确认，正在等待对方当事人确认。
agreement-confirmed-effective = 已记录您的确认。双方都已确认，{ $number } 的调解协议已生效。
staff-agreement-start = 请依照《人民调解法》第二十九条，逐项输入 { $number } 的调解协议。发送 /cancel 放弃。
staff-agreement-field-facts = 1/6 纠纷的主要事实和争议事项：
staff-agreement-field-responsibilities = 2/6 各方当事人的责任：
staff-agreement-field-applicantDoes = 3/6 申请人将做什么：
staff-agreement-field-otherDoes = 4/6 对方当事人将做什么：
staff-agreement-field-how = 5/6 履行方式：
staff-agreement-field-byDate = 6/6 履行期限（日期，例如 2026-12-31）：
staff-agreement-date-invalid = 请输入今天或以后的日期，格式如 2026-12-31。
staff-agreement-sent = 已把 { $number } 的调解协议发给双方当事人确认，双方确认后协议生效。
staff-agreement-confirmed = { $party } 已于 { $at } 确认 { $number } 的调解协议。
staff-card-agreement = 调解协议：申请人确认 { $applicant }；对方当事人确认 { $other }
agreement-unconfirmed = 未确认
staff-card-agreement-effective = 协议于 { $date } 生效；申请司法确认的期限至 { $end }
notify-agreement-effective =
    { $number } 的调解协议已经双方确认，于 { $date } 生效。
    依照《人民调解法》第三十三条，自协议生效之日起 30 日内（至 { $end }），双方可以共同向人民法院申请司法确认。期限届满前我们会提醒您，之后也会回访协议的履行情况。
staff-agreement-effective = { $number } 的调解协议已经双方确认，于 { $date } 生效；申请司法确认的期限至 { $end }。
notify-judicial-reminder = 提醒：{ $number } 的调解协议申请司法确认的期限将于 { $end } 届满（《人民调解法》第三十三条：双方当事人自协议生效之日起 30 日内共同向人民法院申请）。如需申请，请与对方当事人一同尽快向人民法院提出。
staff-followup-carried-out = 回访：{ $party }表示 { $number } 的调解协议已履行。
staff-followup-not-carried-out = 回访：{ $party }表示 { $number } 的调解协议未履行，请跟进。
