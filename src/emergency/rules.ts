/**
 * What reads as a danger to life or property happening now, as data: one rule per kind of
 * emergency with the numbers that answer it, and the markers that make a match not count
 * (negated, hypothetical, over, habitual). Chinese first; English for citizens who write in it.
 *
 * The numbers are the national emergency lines: 119 fire and rescue (also gas leaks, people
 * trapped, floods), 110 police, 120 ambulance, 122 traffic accidents.
 */
export const EMERGENCY_NUMBERS = ["119", "110", "120", "122"] as const;
export type EmergencyNumber = (typeof EMERGENCY_NUMBERS)[number];

export const EMERGENCY_KINDS = [
  "fire",
  "gas",
  "collapse",
  "trapped",
  "rescue",
  "flood",
  "electric",
  "selfharm",
  "crime",
  "traffic",
  "medical",
] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

export type EmergencyRule = {
  kind: EmergencyKind;
  numbers: EmergencyNumber[];
  patterns: RegExp[];
  /** A state that lasts (a gas smell): an earlier start ("since yesterday") does not make it over. */
  lasting?: boolean;
};

/** Smoke alone is not a fire when the text is about cooking fumes, cigarettes, chimneys or exhaust. */
export const SMOKE = /冒(出|着)?(黑|白|浓|青)?烟|浓烟|(好|很|特别|非常)大的烟|烟(雾)?(很|好|特别|非常)?(大|浓)|(全|都|满)是烟|烟雾弥漫|烟味|焦(糊)?味|烧焦|糊味|\bsmoke\b|\bsmoky\b|smell(s|ing)? (of )?(burning|smoke)/i;
export const SMOKE_EXCUSES = /抽烟|吸烟|油烟|烧烤|烟花|香烟|烟头|烟囱|二手烟|烟草|烟酒|尾气|排放|排污|工厂|焚烧|烧秸秆|烧垃圾|烧纸|烧荒|烧香|上香|香火|蚊香|艾灸|cigarette|smoking|chimney|exhaust|barbecue|\bbbq\b|grill|fireworks|factory/i;

export const RULES: EmergencyRule[] = [
  {
    kind: "fire",
    numbers: ["119"],
    patterns: [
      /着火|起火|失火|火灾|大火|火势|火光|火苗|烧起来|烧着了|燃起来|烧了起来|冒火|窜火|蹿火|爆燃|爆炸|炸开|喷火|放火|纵火|自燃|(点|烧|引)着了|火(很|好|越来越|特别)?大|火焰|火(往|向)?(上|外)?(蹿|窜|冒出来)|(冰柜|电视|空调|冰箱|电瓶|电池|电动车|汽车|房子|屋子|厨房|油锅|锅|窗帘|被子|沙发)[^，。,.!！?？]{0,3}着了/,
      /\bfire\b(?!\s*(exit|escape|door|lane|hydrant|extinguisher|alarm|station|safety|hazard|risk|drill|brigade|department|code|inspection|regulations?))/i,
      /\b(blaze|burning|flames?|explosion|exploded)\b/i,
      SMOKE,
    ],
  },
  {
    kind: "gas",
    numbers: ["119"],
    lasting: true,
    patterns: [
      /(煤气|燃气|天然气|液化气|液化石油气|沼气|瓦斯)[^，。,.!！?？]{0,6}?(味|泄漏|泄露|外泄|漏气|漏了|在漏|漏出|喷出|爆炸|中毒)/,
      /(闻到|闻着|一股|好大的|很浓的|很重的|很大的|浓浓的)[^，。,.!！?？]{0,4}(煤气|燃气|天然气|液化气)/,
      /(?<!轮胎|车胎|气球|气门)漏气/,
      /(煤气|燃气|天然气|液化气)(管|管道|管子|阀门|罐|瓶|表)[^，。,.!！?？]{0,8}(断了|挖断|破了|裂了|爆了|漏)/,
      /(燃气|煤气|天然气|液化气)[^。!！?？]{0,15}(怪味|异味|味道|臭味|呲呲|嘶嘶|滋滋|咝咝)/,
      /臭鸡蛋味|一氧化碳中毒|煤气中毒/,
      /\bgas (leak|smell|is leaking|leaking)|smell(s|ing|ed)? (of |like )?gas\b|leaking gas|rotten eggs?|carbon monoxide|gas (pipe|line|main|cylinder|tank|bottle)[^.]{0,20}(burst|broke|broken|hissing|leak)/i,
    ],
  },
  {
    kind: "collapse",
    numbers: ["119"],
    patterns: [
      /(楼|房|墙|屋顶|天花板|吊顶|阳台|桥|楼板|脚手架|塔吊|广告牌|雨棚|棚)[^，。,.!！?？]{0,6}(塌|垮|倒了|要倒|倒下来)/,
      /(快|要|马上)(掉|砸|倒|塌)下来|塌了|塌下来|塌方|倒塌|坍塌|垮塌|塌陷|地陷|泥石流|山体滑坡/,
      /collaps(e|ed|ing)|caved? in|cave-in|sinkhole|landslide|mudslide|(wall|roof|ceiling|building|bridge|scaffold(ing)?) (is )?(falling|fell|came down|coming down)/i,
    ],
  },
  {
    kind: "trapped",
    numbers: ["119"],
    patterns: [
      /被困|困在|困住|被关在|关在电梯|电梯(里|内)?(有人|困人|关人|卡人)|卡在电梯|出不来|被压在|压在(下面|底下|里面)|被埋|埋在(下面|里面|废墟)/,
      /(人|孩子|小孩|老人|手|脚|头|胳膊|腿)[^，。,.!！?？]{0,4}(卡在|被卡|卡住|压住|夹住|卷进|卷入)/,
      /(关|困|卡)着(人|一个|两个|几个|老人|小孩|孩子|我)|(里面|屋里|楼里|车里)还有人|还有人在(里面|里边|屋里|楼里|车里|水里|下面)|下面(还)?有(人|工人)|(被)?锁在(车|屋|房|家)里|压住(了)?[^，。,.!！?？]{0,3}(人|一个|两个|几个)/,
      /\btrapped\b|stuck (inside|under)\b|stuck in (an?|the) (lift|elevator|car|room|mud|water|rubble)|can'?t get out|buried under|pinned under/i,
    ],
  },
  {
    kind: "rescue",
    numbers: ["119", "120"],
    patterns: [
      /溺水|落水|跳(河|江|湖|海)|被(水|洪水|河水|浪)(冲|卷)走|卷走|(游泳|水里|河里|湖里|江里|海里)[^，。,.!！?？]{0,6}(抽筋|沉下去|不见了|喊救命)|在水里挣扎/,
      /(掉|摔|跌|落)(进|到|入|下)(了)?[^，。,.!！?？]{0,6}(河|湖|江|海|水里|水池|池塘|鱼塘|井|坑|下水道|窨井|深沟)/,
      /drown(ing|ed)?|fell (into|down) (the |a |an )?(river|lake|water|sea|pond|canal|well|manhole|hole|pit|drain)|swept away/i,
    ],
  },
  {
    kind: "flood",
    numbers: ["119"],
    patterns: [
      /(水|积水|洪水|河水|雨水|污水)[^，。,.!！?？]{0,6}(漫|灌|涌|冲|淹|倒灌)(进|入|到|了)?[^，。,.!！?？]{0,4}(家|屋|房|楼|室|一楼|地下室|车库|店)/,
      /淹(了|到|没|进)|被淹|水淹|内涝|洪水|决堤|溃堤|决口|溃坝|管涌|水[^，。,.!！?？]{0,4}(到|没过|淹到|齐)(了)?(膝盖|腰|大腿|胸口|脖子|小腿)|(地下车库|地下室|车库|一楼)[^，。,.!！?？]{0,4}进水|水位(上涨|暴涨|越来越高|还在涨)|水(还在|不断|一直)?(往上)?涨|山洪/,
      /\bflood(ing|ed|water|s)?\b|water (is )?(rising|coming|pouring|flowing|gushing) (in|into|up)|burst (its|the) banks|waist-deep|knee-deep/i,
    ],
  },
  {
    kind: "electric",
    numbers: ["119"],
    patterns: [
      /触电|被电(到|击|倒|伤|死)|电死|电击/,
      /(高压线|电线|电缆|线缆)[^，。,.!！?？]{0,4}(掉|断|落|垂|拖)(在|到|下|了)/,
      /(电线|电缆|配电箱|电箱|电表箱|变压器|插座)[^，。,.!！?？]{0,4}(冒火|打火|火花|起火|冒烟|着火|爆炸)/,
      /electrocut|electric shock|live wires? (down|on the (ground|road|street))|power lines? (is |are )?(down|fell|fallen|snapped)|downed (power )?lines?|sparks? (coming )?(from|out of)|wires? (are |is )?sparking/i,
    ],
  },
  {
    kind: "selfharm",
    numbers: ["110", "120"],
    patterns: [/跳楼|轻生|自杀|割腕|不想活了/, /suicid(e|al)|jump(ing)? off (the )?(roof|building|bridge)|kill (himself|herself|myself)/i],
  },
  {
    kind: "crime",
    numbers: ["110"],
    patterns: [
      /抢劫|打劫|被抢|抢(了|走)?(我的|她的|他的|人家的|别人的)?(包|手机|钱|项链|金链|耳环|东西)|互相砍|拿刀砍|砍(死|伤|人|我|他|她)|持刀|拿(着)?刀|拿(着)?(棍子|棒子|砖头|铁棍)|砍人|捅人|砍伤|捅伤|行凶|杀人|要杀|杀了我|杀死|持枪|开枪|枪声/,
      /打架|斗殴|殴打|群殴|互殴|围殴|被打(了|伤)?|打人|砸(人|伤人|我|他|她)|被人?(关|锁)(在|起来)(?!门外|外面)|偷(我|她|他)的?(手机|钱包|包|东西|车)|(还|一直|现在还)跟着我|(有人|几个人|一群人|他们|男的|老公|丈夫|邻居)[^，。,.!！?？]{0,3}(打人|打我|打她|打他|打孩子|动手)|家暴/,
      /砸(车|门|窗|店|东西)|撬[^，。,.!！?？]{0,6}(门|锁|车|窗)|打(老婆|妻子|媳妇|孩子|小孩|老人)|(一直|有人|有个男的|有个人)[^，。,.!！?？]{0,4}跟着我|入室|闯(进|入)(我家|家里|屋)|(小偷|贼)[^，。,.!！?？]{0,4}(在|正在|进|偷|撬|跑)|(正在|在)偷|被偷|偷(了|走)/,
      /救命(?!钱|稻草|恩)|呼救|家里进(了)?(贼|小偷|陌生人)|(屋里|家里)有(人|陌生人)(在)?翻|被撬|撬开|撬坏|抢(了|走)[^，。,.!！?？]{0,8}(包|钱包|手机|钱|项链)|绑架|劫持|拐(走|卖)|抢孩子|非礼|猥亵|性侵|强奸|跟踪|尾随|(威胁|恐吓|扬言)[^，。,.!！?？]{0,10}(杀|砍|打死|弄死|捅|刀|枪|炸|烧)/,
      /robb(ery|ing|ed)|mugg(ed|ing)|being attacked|attack(ing|ed) (me|us|him|her|someone|people)|assault(ing|ed)?|stabb(ed|ing)|\bknife\b|\bgun\b|shoot(ing)?\b|shots? fired|break(ing)?[ -]in\b|breaking into|broke into|broken into|break (my|the|our) door down|kicking (my|the|our) door|burglar|thie(f|ves)|stealing|\bstole\b|grabbed (my|her|his|a) (phone|bag|purse|wallet)|snatch(ed)?|stolen|\bfight(ing)?\b|beating (up|someone|him|her|me)|kidnap|threaten(ing|ed)? (me|us|to kill)|domestic violence/i,
    ],
  },
  {
    kind: "traffic",
    // A collision someone reports now may have hurt people: the ambulance number goes with it.
    numbers: ["122", "120"],
    patterns: [
      /车祸|撞车|相撞|追尾|撞(了|到|倒|伤|死)[^，。,.!！?？]{0,4}(人|行人|小孩|孩子|老人)|(车|两车|汽车)[^，。,.!！?？]{0,4}撞(了|上|在一起)|被(汽车|货车|电动车|摩托车|公交车|出租车|车)撞|翻车|侧翻|连环撞|交通事故|翻(到|进|下)[^，。,.!！?？]{0,4}(沟|河|桥|山|路边|田)|坠(桥|崖|河)|碾(压|过)|肇事/,
      /\b(car|traffic|road|bus|truck|motorbike|scooter) (accident|crash|collision)|crash(ed)? into|hit by (a |an )?(car|truck|bus|van|taxi|cab|lorry|motorbike|scooter|bike|vehicle)|run over|knocked down by|hit (a|an|the) (pedestrian|man|woman|child|kid|cyclist|person|boy|girl|old)|hit-and-run|collided|rolled over|overturned/i,
    ],
  },
  {
    kind: "medical",
    numbers: ["120"],
    patterns: [
      /受伤|受了伤|伤者|伤员|伤亡|重伤|撞伤|砸伤|摔伤|烧伤|烫伤|砍伤|刺伤|咬伤|割伤|流血|出血|血流|头破血流|流(了)?(很多|好多|不少|一地|满地)?的?血|(从)[^，。,.!！?？]{0,10}(摔|跌)下来|(人|孩子|小孩|老人|工人|男的|女的|学生)[^，。,.!！?？]{0,12}从[^，。,.!！?？]{0,10}(掉|坠|摔|跌)(下来|下去|了下来)|坠楼|说不(了|出)话|(嘴|脸)(都)?歪了|半边(脸|身子)|满身是血|一地的血|晕倒|昏倒|晕过去|昏过去|晕厥|昏迷|不省人事|失去意识|没有?意识|叫不醒|没有?呼吸|呼吸困难|喘不(上|过)气|没气了|心脏骤停|心跳停|没(了)?心跳|胸口(疼|痛)|胸痛|心口疼|说不出话|口齿不清|嘴歪|半边身子(不能动|动不了|麻)|脸(都|色)?(发)?(紫|青)了|嘴唇(发)?紫|噎住|卡住(了)?喉咙|喝(了)?农药|吃(了)?(安眠药|老鼠药|农药|一瓶药)|服毒|(全|都)是血|满(脸|头|身|地)(是)?血|一身血|血(止不住|流不止)|大出血|(腿|手|胳膊)[^，。,.!！?？]{0,3}(断了|变形)|一动不动|不动了|站不起来|瘫倒|栽倒|要生了|羊水破了|难产|被狗咬|被蛇咬|抽搐|口吐白沫|倒地|倒在地上|躺在地上(不动|起不来)|摔倒[^，。,.!！?？]{0,4}起不来|骨折|中毒|休克|快不行了|快死了|叫(了)?救护车|打120|中暑|触电|被电(倒|伤|死)|电死|砸(到|中|伤)(了)?[^，。,.!！?？]{0,3}(人|路人|行人|小孩|孩子|老人|工人)|压(到|伤|住)(了)?[^，。,.!！?？]{0,3}(人|腿)/,
      /\b(injur(ed|ies|y)|bleeding|blood everywhere|unconscious|not breathing|can'?t breathe|stopped breathing|passed out|fainted|heart attack|seizure|overdose|poisoned|ambulance|dying|broken (leg|arm|bone)|electrocuted)\b|(is|was|got|been|badly|seriously|someone|people|person|man|woman|child|kid) (badly |seriously )?hurt\b|collapsed on the (floor|ground|street|road)|lying on the (ground|floor|road|street)|chest pain|can'?t (move|speak|get up)|lying in the (road|street)|choking|swallowed (some |a lot of )?(pills|poison|bleach|medicine)|won'?t wake up|not waking up|unresponsive/i,
    ],
  },
];

/** Before a match in its clause: it is denied ("没有人受伤", "no one was hurt"). */
export const NEGATED_BEFORE = [
  /(没有|没|无|未|不是|并非|并无|并没有)(有|人|人员|任何|一人|发现|闻到|看到|听到|出现|发生|造成|导致|被|再|过|了|什么)*$/,
  /\b(no|not|nobody|no one|none|never|without|isn't|wasn't|aren't|weren't|didn't|doesn't|hasn't|haven't)\b(\s+[\w']+){0,2}\s*$/i,
];

/** Before a match in its clause: only feared or imagined ("担心着火", "in case of fire"). */
export const HYPOTHETICAL_BEFORE =
  /担心|担忧|害怕|(?<!可)怕|恐怕|生怕|万一|如果|假如|要是|一旦|以免|以防|避免|防止|预防|(?<!不)容易|可能会|会不会|迟早|早晚|差点|差一点|险些|隐患|防范|杜绝|谨防|小心|当心|提醒|宣传|培训|\b(if|in case|risk|hazard|danger of|worried|afraid|fear|prevent|avoid|before someone|potential|possible)\b|\b(could|might|may|will) (cause|start|lead to|result in)\b/i;

/** Right after a match: a hazard, a rule or equipment, not an event ("火灾隐患", "fire exit"). */
export const HYPOTHETICAL_AFTER =
  /^[^，。,.!！?？]{0,3}(隐患|风险|报警器|演习|演练|预防|逃生|通道|宣传|知识|培训|多发|频发|高发|警示|标志|标识|检查|检测|设施|器材|栓|设备|管理|规定|调查|报告|原因|赔偿|责任|认定|处理结果)|^\s*(hazard|risk|drill|alarm|detector|safety|prevention)/i;

/** The danger is over ("已经扑灭", "put out"). */
export const RESOLVED =
  /(已经?|早已|早就|都)(被)?(扑灭|灭了|熄灭|修好|修复|抢修好|处理好|处理完|解决了|送医|送到医院|送去医院|送往医院|抓(到|住|获)|控制住|救出|救上来|脱险|排除)|火(已经?)?灭了|没事了|已无大碍|脱离危险|恢复正常|\b(already|has been|have been|was|were) (put out|extinguished|fixed|repaired|rescued|arrested|caught|taken to (the )?hospital|handled|resolved)\b|\bno longer\b|\ball clear\b/i;

/** It happened before now ("上周", "yesterday"). Minutes or an hour ago still count as now. */
export const PAST =
  /昨天|昨晚|昨日|前天|前晚|上周|上星期|上礼拜|上个?月|去年|前年|前几天|前[两三]天|前些天|前些日子|前段时间|前阵子|[一两二三四五六七八九十几\d]+(天|周|个月|年|个星期)(以)?前|上次|那次|那天|当时|曾经|以前|之前|过去|\b(yesterday|last (night|week|month|year|time|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(days?|weeks?|months?|years?) ago|the other day|previously|earlier this (week|month|year)|in the past)\b/i;

/**
 * A procedure about a harm (工伤认定, 伤残鉴定, 理赔, 报销医药费): the harm is behind and the message
 * asks for a decision or money, so it reads as past (工伤保险条例 arts. 17–20: the injured worker
 * applies for 认定 after the injury). Only procedures: 工伤保险 or 赔偿 may be named while someone
 * lies hurt ("老板没给他交工伤保险"), and an injury with a present marker ("现在还在流血") still counts.
 */
export const CLAIM =
  /(工伤|伤残|劳动能力|伤情)(认定|鉴定|等级|评残|评定)|(认定|申请|申报)(为)?工伤|理赔|报销[^，。,.!！?？]{0,4}(医药费|医疗费|治疗费|住院费)|(医药费|医疗费|治疗费|住院费)[^，。,.!！?？]{0,4}报销|\b((compensation|insurance) claim|workers'? comp(ensation)? claim)\b/i;

/** It is happening now ("现在还在", "right now"): outweighs a past or habitual marker. */
export const PRESENT =
  /现在|正在|仍然|仍在|依然|还在|此刻|刚刚|刚才|刚|马上|快来|快点|快要|越来越|赶紧|救命|救救|此时|\b(now|right now|still|currently|at the moment|just now|happening|keeps|help|hurry)\b/i;

/** It keeps happening: a standing problem to fix, not an emergency to answer now. */
export const HABITUAL =
  /经常|总是|老是|常常|天天|每天|每晚|每次|每到|每逢|频繁|时常|多次|屡次|好几次|常年|长期|多发|频发|高发|反复|\b(often|always|every (day|night|time|week)|frequently|regularly|repeatedly|all the time|constantly)\b/i;

/** A drill, or a request for records about an incident, is not an emergency. */
export const DRILL = /演习|演练|信息公开|申请公开|\b(drill|exercise)\b/i;
