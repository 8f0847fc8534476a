## Channels for citizens without Telegram: the Open311 API and the web form

open311-service-complaint = 投诉举报（由系统分派承办部门）
open311-service-complaint-dept = 投诉举报 · { $department }
open311-service-disclosure = 政府信息公开申请
open311-service-mediation = 调解申请
open311-service-desc-COMPLAINT = 反映问题、投诉或举报。15 个工作日内答复；涉及安全隐患的 1 个工作日。
open311-service-desc-DISCLOSURE = 依《政府信息公开条例》第二十九条申请公开政府信息。20 个工作日内答复。
open311-service-desc-MEDIATION = 申请人民调解（需对方自愿参加）。30 日内办结。
open311-named = 实名
open311-anonymous = 匿名
open311-attr-anonymous = 是否匿名（匿名时工作人员看不到姓名和电话）
open311-attr-organisation = 法人或其他组织名称（以组织名义申请时填写）
open311-attr-id_number = 申请人身份证号码
open311-attr-postal_address = 通信地址
open311-attr-form = 获取信息的形式
open311-attr-delivery = 获取信息的方式
open311-attr-other_party_name = 对方当事人姓名或名称
open311-attr-other_party_contact = 对方联系方式
open311-attr-dispute_type = 纠纷类型
open311-attr-request = 申请人的请求
open311-attr-people = 涉及人数
open311-note-open = 办理中：{ $status }
open311-note-answered = 已答复并办结
open311-note-linked = 已与相同问题的事项并案办理（并单）并办结
open311-note-withdrawn = 申请人已撤回
open311-note-disclosure = 已答复，答复类型：{ $type }
open311-note-mediation = 调解已结束：{ $outcome }
open311-note-correction-expired = 逾期未补正，视为放弃申请
open311-note-declined = 对方当事人不同意调解，调解结束
open311-notice-filed = 已受理，事项编号 { $number }，答复期限 { $due }。请保存好查询密码，凭编号和密码在 { $url } 查询办理进度和结果。
open311-error-key = 缺少 api_key 或 api_key 无效（请向区政府管理员申请）
open311-error-service-missing = 缺少 service_code
open311-error-service-unknown = 没有这个服务代码：{ $code }
open311-error-request-unknown = 没有编号为 { $id } 的事项
open311-error-token-unknown = 没有这个 token：{ $token }
open311-error-format = 只支持 JSON 格式（.json）
open311-error-body = 请求体无法解析：请用 application/x-www-form-urlencoded 或 application/json
open311-error-date = { $field } 不是有效的日期时间（ISO 8601）
open311-error-not-found = 没有这个接口：{ $path }
open311-error-unavailable = 服务暂时不可用，请稍后再试
field-required = 必须填写
field-too-short = 至少 { $min } 个字（现在 { $count } 个）
field-too-long = 最多 { $max } 个字符（现在 { $count } 个）
field-phone-invalid = 请填写 11 位手机号码（以 1 开头）
field-id-invalid = 身份证号码无效：{ $reason }
field-choice-invalid = 请从给出的选项中选择
field-people-invalid = 请填写 1 到 100000 之间的整数
field-consent-missing = 请阅读隐私说明并勾选同意

form-title = 在线提交诉求
form-intro = 没有 Telegram 也可以在这里提交投诉举报、政府信息公开申请和调解申请。提交后您会得到事项编号和查询密码，凭它们查询办理进度和结果。
form-choose = 请选择要办理的事项：
form-status-link = 查询已提交事项的进度
form-privacy-title = 隐私说明
form-privacy =
    · 我们收集：您在表单中填写的内容，以及（如您选择实名）姓名和手机号；政府信息公开申请还包括身份证号码和通信地址。
    · 用途：仅用于受理、转办、调查和答复您的诉求。
    · 谁能看到：承办部门的工作人员；匿名反映时他们看不到您的姓名和电话。
    · 保存期限：事项办结后保存 { $retentionDays } 天（约 { $retentionYears } 年），期满即匿名化，只留下不含个人信息的统计记录。
    · 查询密码只显示一次，我们只保存它的摘要，无法找回；请妥善保存，不要告诉他人。
form-consent = 我已阅读隐私说明，同意按上述方式处理我的个人信息
form-submit = 提交
form-required = 必填
form-optional = 选填
form-name = 姓名
form-phone = 手机号码
form-complaint-what = 发生了什么事？（至少 { $min } 个字）
form-complaint-where = 在什么地方？（例如：某某小区 3 号楼东侧）
form-complaint-identity = 实名还是匿名？
form-complaint-identity-hint = 匿名时不必填写姓名和电话，工作人员也看不到；但承办人员无法联系您核实情况。
form-disclosure-as = 申请人
form-disclosure-person = 公民个人
form-disclosure-org = 法人或其他组织
form-disclosure-wanted = 所需政府信息的名称、文号或者便于查询的其他特征性描述
form-mediation-facts = 纠纷的经过（至少 10 个字）
form-errors = 请修改下面标出的内容后再提交。
form-emergency = 紧急情况
form-filed-title = 已提交
form-filed =
    您的事项已受理。
    事项编号：{ $number }
    答复期限：{ $due }
form-secret = 查询密码：
form-secret-warning = 这个密码只显示这一次。请抄写或截图保存；凭事项编号和密码可以查询办理进度和结果。
form-already = 这份表单已经提交过了，事项编号 { $number }。查询密码在第一次提交时已经显示。
form-expired = 页面已过期，请重新打开表单再提交。
form-status-title = 查询事项进度
form-status-number = 事项编号
form-status-secret = 查询密码
form-status-submit = 查询
form-status-wrong = 事项编号或查询密码不对。
form-status-kind = 类型
form-status-status = 状态
form-status-department = 承办部门
form-status-due = 答复期限
form-status-created = 提交时间
form-status-outcome = 办理结果
form-status-answer = 答复内容
form-status-notices = 给您的通知
form-status-notices-none = 暂时还没有通知。
form-status-notices-note = 这些通知不通过聊天软件发送，只在这里显示。
form-back = 返回
staff-card-channel-web = 📨 经网页表单提交，群众没有 Telegram：给群众的问题和答复显示在其查询页面上，需要时请电话联系。
staff-card-channel-open311 = 📨 经 Open311 接口提交，群众没有 Telegram：给群众的问题和答复显示在其查询页面上，需要时请电话联系。
staff-card-channel-phone = 📞 经 12345 热线登记，群众没有 Telegram：给群众的问题和答复由登记的话务员回电转达。
form-reply-label = 回复承办人员的问题
form-reply-submit = 发送回复
form-reply-sent = 已收到您的回复，已转交承办人员。
form-rate-question = 您对办理结果满意吗？
form-rated = 感谢您的评价！
form-action-refused = 这个操作现在不能进行（事项的状态已经变化），请刷新查看。
web-actor-web = 群众（网页表单）
web-actor-open311 = 群众（经 Open311 接口：{ $client }）
form-too-large = 提交的内容太长了，请删减后再提交。
open311-error-too-large = 请求体超过 { $max } 字节
