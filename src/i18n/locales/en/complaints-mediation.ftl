# Complaints: urgent limits, extensions and review (信访工作条例 arts. 23, 34, 35); mediation agreements (人民调解法 arts. 28–33).

staff-complaint-urgent = ⚠ Urgent complaint { $number } (a safety hazard): act now; it is due by { $due } (counted in hours, holidays included).
staff-extension-requested-complaint = { $number }: extension of { $days } days requested. Reason: { $reason }
card-extension-pending-complaint = Extension of { $days } days requested; approve or reject (信访工作条例 art. 34: at most 30 days):
staff-extension-days-complaint = Extend by how many days? (1 to { $max }, calendar days) /cancel to give up.
staff-extension-days-complaint-invalid = A whole number of days within the allowed range, please.
notify-extended-complaint = With the supervisor's approval, the time limit of your complaint { $number } was extended by { $days } days; we will answer by { $due }. Reason: { $reason }
staff-card-extension-requested = Extension of { $days } days requested, awaiting the supervisor
staff-card-extension-approved = Extension of { $days } days approved
staff-card-extension-rejected = Extension not approved

rate-reopened = Your request for a review was received. Case { $number } is with the supervisor of the { $department }, who will give you a review opinion by { $due } (信访工作条例 art. 35).
review-too-late = Case { $number } was answered on { $answered }, more than 30 days ago: a review can no longer be requested here (信访工作条例 art. 35: within 30 days of the answer). If something new happened, send /new.
staff-reopened = The citizen is not satisfied with the answer on { $number } and requests a review. Give the review opinion by { $due } (信访工作条例 art. 35).
staff-reopened-handler = The citizen is not satisfied with the answer on { $number } and requested a review; the supervisor reviews it.
card-turn-review = the supervisor of the { $department } (review)
staff-card-review = Review: requested on { $since }, due { $due } (信访工作条例 art. 35)
staff-card-review-decided = Review: opinion given on { $at } ({ $result })
btn-review-upheld = Review: uphold the answer
btn-review-changed = Review: change the answer
review-result-upheld = answer upheld
review-result-changed = answer changed
staff-review-opinion-prompt = The review opinion on { $number }, to be sent to the citizen. /cancel to give up.
staff-review-sent = The review opinion on { $number } was given and the citizen told.
staff-review-decided = The review opinion on { $number } was given ({ $result }).
notify-review-decided =
    The review you requested of { $number } has an opinion: { $result }.
    { $opinion }
    If you disagree, you may ask the next higher authority for a re-examination within 30 days of receiving it.

party-invitation =
    Hello, { $other }. The { $inviter } invites you to a mediation ({ $number }).
    Applicant: { $applicant }
    Kind of dispute: { $type }
    The applicant asks: { $request }
    Mediation is voluntary; you may refuse.
    Personal data: your answers are used for this mediation only; the mediator sees them, never your Telegram account. Pressing "Agree" consents to that; pressing "Decline" ends the mediation and only your answer is kept.
party-invite-own = This is the invitation link of your own mediation: please pass it to the other party, who answers it.
mediation-party-applicant = the applicant
mediation-party-other = the other party
mediation-agreement =
    Mediation agreement ({ $number })
    Parties: applicant { $applicant }; other party { $other }
    Main facts and matters in dispute: { $facts }
    Each party's responsibility: { $responsibilities }
    { $applicant } will: { $applicantDoes }
    { $other } will: { $otherDoes }
    How: { $how }
    By: { $by }
btn-confirm-agreement = Confirm the agreement
notify-agreement-confirm = Please check the agreement above. It takes effect once both parties confirmed it (人民调解法 arts. 29–30). If you disagree, do not confirm; contact the mediator.
agreement-confirm-refused = This agreement was already confirmed, or a newer version exists.
agreement-confirmed-waiting = Your confirmation of the agreement in { $number } is recorded; waiting for the other party.
agreement-confirmed-effective = Your confirmation is recorded. Both parties confirmed: the agreement in { $number } is in effect.
staff-agreement-start = Enter the agreement of { $number } item by item (人民调解法 art. 29). /cancel to give up.
staff-agreement-field-facts = 1/6 Main facts and matters in dispute:
staff-agreement-field-responsibilities = 2/6 Each party's responsibility:
staff-agreement-field-applicantDoes = 3/6 What the applicant will do:
staff-agreement-field-otherDoes = 4/6 What the other party will do:
staff-agreement-field-how = 5/6 How it is carried out:
staff-agreement-field-byDate = 6/6 By when (a date, e.g. 2026-12-31):
staff-agreement-date-invalid = A date from today on, like 2026-12-31, please.
staff-agreement-sent = The agreement of { $number } was sent to both parties to confirm; it takes effect when both have.
staff-agreement-confirmed = { $party } confirmed the agreement of { $number } at { $at }.
staff-card-agreement = Agreement: applicant confirmed { $applicant }; other party confirmed { $other }
agreement-unconfirmed = not yet
staff-card-agreement-effective = In effect since { $date }; judicial confirmation may be applied for until { $end }
notify-agreement-effective =
    Both parties confirmed the agreement in { $number }; it took effect on { $date }.
    Under 人民调解法 art. 33 both parties may jointly apply to the people's court for judicial confirmation within 30 days of that day (until { $end }). We will remind you before then, and ask later whether it was carried out.
staff-agreement-effective = Both parties confirmed the agreement in { $number }; in effect since { $date }; judicial confirmation until { $end }.
notify-judicial-reminder = Reminder: the period to apply for judicial confirmation of the agreement in { $number } ends on { $end } (人民调解法 art. 33: both parties apply together to the people's court within 30 days of it taking effect).
staff-followup-carried-out = Follow-up: { $party } says the agreement in { $number } was carried out.
staff-followup-not-carried-out = Follow-up: { $party } says the agreement in { $number } was not carried out; please follow up.
