# 行政复议（行政复议法，2023 年修订）。Loaded with zh-CN.ftl (same locale directory name).
kind-RECONSIDERATION = 行政复议申请
rc-stage-filed = 已提交
rc-stage-review = 受理审查中（5 个工作日）
rc-stage-correction = 等待您补正
rc-stage-accepted = 已受理，审理中
rc-stage-hearing = 已安排听证
rc-stage-decision_pending = 决定待审批
rc-stage-decided = 已作出行政复议决定
rc-stage-not_accepted = 不予受理
rc-stage-ended = 已终止
rc-stage-abandoned = 视为放弃申请
rc-procedure-simplified = 简易程序（30 日内决定）
rc-procedure-ordinary = 普通程序（60 日内决定）
rc-decision-change = 变更（第六十三条）
rc-decision-revoke = 撤销（第六十四条）
rc-decision-revoke_new_act = 撤销并责令重新作出行政行为（第六十四条）
rc-decision-revoke_part = 部分撤销（第六十四条）
rc-decision-revoke_part_new_act = 部分撤销并责令重新作出（第六十四条）
rc-decision-confirm_illegal = 确认违法（第六十五条）
rc-decision-order_performance = 责令履行（第六十六条）
rc-decision-confirm_void = 确认无效（第六十七条）
rc-decision-uphold = 维持（第六十八条）
rc-decision-dismiss = 驳回复议请求（第六十九条）
rc-ending-withdrawn = 申请人撤回（第七十四条）
rc-ending-settled = 和解（第七十四条）
rc-ending-mediated = 调解（第七十三条）
rc-lead = 主办
rc-major = ，重大案件
rc-yes = 已确认
rc-no = 未确认
rc-card =
    【行政复议】{ $number }
    阶段：{ $stage }；期限：{ $due }
    申请人：{ $applicant }
    被申请人：{ $respondent }
    行政行为：{ $act }（知道之日：{ $learned }）
    复议请求：{ $request }
    事实和理由：{ $reasons }
    证据照片：{ $evidence } 张
rc-card-representative = 代理人：{ $name }（{ $phone }）
rc-card-late = ⚠ 超过申请期限（截至 { $end }），申请人说明的正当理由：{ $reason }（第二十条第二款，请审查）
rc-card-no-remedy-notice = 原行政行为未告知复议权利、机关和期限：申请期限最长一年（第二十条第三款）
rc-card-procedure = 程序：{ $procedure }{ $deemed }
rc-card-deemed = （审查期满视为受理，第三十条第三款）
rc-card-handlers = 承办人：{ $handlers }（{ $count }/{ $required } 人{ $major }）
rc-card-reply-due = 被申请人书面答复期限：{ $due }（第四十八条）
rc-card-reply-received = 被申请人已答复：{ $text }
rc-card-hearing = 听证：{ $at }，{ $place }；记录员 { $recorder }
rc-card-extension = 已延期 { $days } 日：{ $reason }
rc-card-proposal = 拟作决定：{ $type }——{ $text }
rc-btn-accept-simplified = 受理·简易程序
rc-btn-accept-ordinary = 受理·普通程序
rc-btn-not-accept = 不予受理
rc-btn-correction = 要求补正
rc-btn-assign = 指派承办人
rc-btn-major = 标记重大
rc-btn-hearing = 安排听证
rc-btn-extend = 延长期限
rc-btn-decide = 拟作决定
rc-btn-end = 调解/和解/撤回
rc-btn-approve = 批准决定
rc-btn-reject = 退回重拟
rc-btn-reply = 提交书面答复
rc-btn-confirm-hearing = 确认参加听证
rc-btn-start = 申请行政复议
rc-notify-received =
    您的行政复议申请已收到。事项编号：{ $number }
    「{ $office }」将在 { $due } 前作出是否受理的决定（《行政复议法》第三十条）。
    查询进度：/status { $number }
rc-notify-accepted = 您的行政复议申请 { $number } 已受理，适用{ $procedure }，将在 { $due } 前作出行政复议决定（《行政复议法》第六十二条）。
rc-notify-deemed-accepted = 您的行政复议申请 { $number } 在审查期限内未被决定不予受理，依照《行政复议法》第三十条第三款自审查期限届满之日起视为受理，将在 { $due } 前作出行政复议决定。
rc-notify-not-accepted =
    您的行政复议申请 { $number } 不予受理（《行政复议法》第三十条第二款）。
    理由：{ $reason }
    对不予受理决定不服的，可以自收到本决定之日起 15 日内依法向人民法院提起行政诉讼（第三十四条）；{ $body }无正当理由不予受理的，您可以请求上级行政机关责令纠正（第三十五条）。
rc-notify-correction =
    您的行政复议申请 { $number } 需要补正（《行政复议法》第三十一条，一次性告知）：
    { $text }
    请在 { $due } 前直接回复本对话补正。无正当理由逾期不补正的，视为放弃申请。
rc-notify-correction-received = 已收到您的补正材料（{ $number }），将在 { $due } 前重新审查是否受理。
rc-notify-correction-expired = 您的行政复议申请 { $number } 未在期限内补正，依照《行政复议法》第三十一条第二款视为放弃，已记录在案。
rc-notify-hearing =
    行政复议 { $number } 将举行听证（《行政复议法》第五十条）：
    时间：{ $at }
    地点：{ $place }
    请点击下方按钮确认参加。无正当理由拒不参加的，视为放弃听证权利（第五十一条）。
rc-notify-reply-received = 被申请人已就行政复议 { $number } 提交书面答复。您可以查阅答复、证据和依据（《行政复议法》第四十七条）。
rc-notify-extended = 行政复议 { $number } 情况复杂，经负责人批准延长 { $days } 日，将在 { $due } 前作出决定（《行政复议法》第六十二条）。理由：{ $reason }
rc-notify-decided =
    行政复议 { $number } 已作出决定：{ $type }
    { $text }
    对本决定不服的，可以自收到行政复议决定书之日起 15 日内向人民法院提起行政诉讼（《行政诉讼法》第四十五条）。
rc-notify-ended =
    行政复议 { $number } 已终止：{ $ending }
    { $text }
rc-staff-new = 新的行政复议申请，请在期限内审查是否受理（第三十条，5 个工作日；逾期未决定视为受理）。
rc-staff-respondent-asked = 贵单位是行政复议 { $number } 的被申请人。请在 { $due } 前提出书面答复，并提交作出行政行为的证据、依据和其他有关材料（《行政复议法》第四十八条）。
rc-staff-respondent-external = 行政复议 { $number } 的被申请人「{ $respondent }」不在本系统，请在 7 日内送达申请书副本，答复期限 { $due }（第四十八条）。
rc-staff-assign-handlers = 行政复议 { $number } 已受理，请指派至少 { $required } 名承办人（第一位为主办）。
rc-staff-deemed-accepted = ⚠ 行政复议 { $number } 审查期限已满而未作决定，依法视为受理（第三十条第三款），申请人已被告知。请指派承办人。
rc-staff-corrected = 申请人已补正行政复议 { $number }，请重新审查是否受理。
rc-staff-correction-expired = 行政复议 { $number } 的申请人未在期限内补正，视为放弃申请（第三十一条第二款）。
rc-staff-assigned-lead = 您被指派为行政复议 { $number } 的主办承办人。决定由您提出，经负责人批准。
rc-staff-assigned = 您被指派为行政复议 { $number } 的承办人。
rc-staff-respondent-hearing = 行政复议 { $number } 将于 { $at } 在 { $place } 举行听证，被申请人的负责人应当参加（第五十一条）。请确认。
rc-staff-hearing-panel = 行政复议 { $number } 听证已安排：{ $at }，{ $place }。主办承办人主持，其他承办人任听证员（第五十条）。
rc-staff-hearing-confirmed = 行政复议 { $number } 听证确认情况：申请人 { $applicant }，被申请人 { $respondent }。
rc-staff-reply-received = 被申请人已提交行政复议 { $number } 的书面答复。
rc-staff-reply-due-soon = ⏰ 行政复议 { $number } 的书面答复将于 { $due } 到期（第四十八条）。
rc-staff-extended = 行政复议 { $number } 已延长 { $days } 日，新的决定期限 { $due }。理由：{ $reason }
rc-staff-decision-proposed = 行政复议 { $number } 的主办承办人提出了决定，请审批。
rc-staff-decision-rejected = 负责人退回了行政复议 { $number } 的拟作决定：{ $reason }。请重新拟定。
rc-staff-decided-respondent =
    行政复议 { $number } 已作出决定：{ $type }
    { $text }
rc-staff-decided-respondent-new-act =
    行政复议 { $number } 已作出决定：{ $type }
    { $text }
    贵单位应当在决定书规定的期限内重新作出行政行为（第六十四条）。
rc-staff-decided = 行政复议 { $number } 的决定（{ $type }）已批准并送达双方。
rc-staff-ended = 行政复议 { $number } 已终止：{ $ending }。{ $text }
rc-form-intro = 行政复议申请（《行政复议法》第二十二条）。您认为行政机关的行政行为侵犯了您的合法权益，可以在知道该行为之日起 60 日内申请行政复议。随时发送 /cancel 可退出。
rc-form-intro-prefilled =
    行政复议申请（《行政复议法》第二十二条），针对：
    被申请人：{ $respondent }
    行政行为：{ $act }（收到日期 { $learned }）
    随时发送 /cancel 可退出。
rc-form-name = 请输入申请人姓名（或单位名称）：
rc-form-representative = 是否委托代理人？
rc-form-btn-yes = 是
rc-form-btn-no = 否
rc-form-representative-name = 请输入代理人姓名：
rc-form-respondent = 被申请人是哪个行政机关？请选择，或点「其他机关」输入名称。
rc-form-btn-other-agency = 其他机关
rc-form-respondent-other = 请输入被申请人（作出行政行为的行政机关）的名称：
rc-form-act = 请描述您申请复议的行政行为（例如：某局 2026 年 5 月 20 日作出的罚款决定）：
rc-form-learned = 您是哪一天知道这个行政行为的？请按 2026-05-20 的格式输入。
rc-form-learned-invalid = 日期格式不对，请按 2026-05-20 的格式输入。
rc-form-learned-future = 这个日期还没有到，请重新输入。
rc-form-notice-named = 您收到的决定或通知是否告知了申请行政复议的权利、复议机关和申请期限？
rc-form-request = 您的行政复议请求是什么？（例如：撤销该决定、责令重新答复）
rc-form-reasons = 请说明主要事实和理由：
rc-form-evidence = 如有证据材料（决定书、通知书、照片等），请拍照发送（可发多张，发完点「完成」）；没有请点「跳过」。
rc-form-late = 按您填写的日期，申请期限已于 { $end } 届满（《行政复议法》第二十条）。您的申请不会因此被拒收：请说明耽误期限的原因（如不可抗力或其他正当理由），复议机构将审查后决定。
rc-form-summary =
    请核对您的行政复议申请：
    申请人：{ $name }（{ $phone }）
    代理人：{ $representative }
    被申请人：{ $respondent }
    行政行为：{ $act }（知道之日：{ $learned }）
    复议请求：{ $request }
    事实和理由：{ $reasons }
    证据照片：{ $evidence } 张{ $late }
rc-form-summary-late = 逾期原因：{ $reason }
rc-receipt =
    您的行政复议申请已提交。事项编号：{ $number }
    复议机构将在 { $due } 前决定是否受理（《行政复议法》第三十条）；逾期未决定的，视为受理。
    查询进度：/status { $number }
rc-receipt-late =
    您的行政复议申请已提交。事项编号：{ $number }
    申请已超过法定期限，复议机构将审查您说明的理由（《行政复议法》第二十条第二款），并在 { $due } 前决定是否受理。
    查询进度：/status { $number }
rc-act-from-disclosure = 对政府信息公开申请 { $number } 的答复（{ $type }）
rc-hearing-confirmed = 已确认您参加行政复议 { $number } 的听证。
rc-status-stage = 复议阶段：{ $stage }
rc-staff-prompt-not-accept = 请输入不予受理 { $number } 的理由（不属于本机关管辖的，写明有管辖权的复议机关；第三十条第二款）：
rc-staff-prompt-correction = 请一次性写明 { $number } 需要补正的全部事项（第三十一条）：
rc-staff-prompt-hearing = 请按「时间；地点；记录员」输入 { $number } 的听证安排（例如：2026-06-20 09:30；区政府 3 楼听证室；王某）。主办承办人主持，其他承办人任听证员（第五十条）。
rc-staff-hearing-invalid = 格式不对：请用分号分开时间、地点和记录员三项。
rc-staff-prompt-extension-days = 延长多少日？（1–{ $max }，第六十二条）
rc-staff-extension-days-invalid = 请输入 1 到 30 之间的天数。
rc-staff-prompt-extension-reason = 请输入 { $number } 延期的理由（将告知当事人）：
rc-staff-prompt-decision = 请输入 { $number } 的决定书要点（事实、理由、决定内容；责令重新作出的，写明期限）：
rc-staff-prompt-reject = 请输入退回 { $number } 拟作决定的意见：
rc-staff-prompt-ending = 请输入 { $number } 终止的情况（调解书/和解协议要点或撤回申请的说明）：
rc-staff-prompt-reply = 请输入对 { $number } 的书面答复要点（证据、依据请另行提交复议机构）：
rc-staff-done = 已办理：{ $number }。
rc-staff-accepted = 已受理 { $number }，已通知申请人和被申请人。
rc-staff-no-handlers = 复议机构没有其他可指派的承办人（{ $number }）。
rc-staff-pick-handler = 请选择 { $number } 的承办人（第一位为主办）：
rc-staff-handler-assigned = 已指派承办人：{ $number }。
rc-staff-marked-major = 已将 { $number } 标记为重大案件：需要 3 名承办人并组织听证。
rc-staff-decision-approved = 已批准 { $number } 的行政复议决定，已送达申请人和被申请人。
rc-staff-hearing-confirmed-you = 已确认参加 { $number } 的听证。
rc-staff-pick-decision = 请选择 { $number } 的决定类型（第六十三至六十九条）：
rc-staff-pick-ending = { $number } 以何种方式终止？
rc-staff-too-few-handlers = 本案现有承办人 { $have } 名，需要至少 { $need } 名（重大案件 3 名；听证需要主持人和 2 名听证员）。
rc-staff-major-needs-hearing = 重大案件应当先组织听证（第五十条第一款）。
