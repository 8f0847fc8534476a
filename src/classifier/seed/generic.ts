/**
 * What any message may say whatever its subject: greetings, time, places, urgency, asking for
 * help. Each line is trained once for every department, so these words learn to weigh nothing and
 * a message made only of them stays unsure. Written by the Minsheng team.
 */
export const GENERIC_LINES: string[] = [
  "你好，想问一下这个事情该找哪个部门",
  "这个事情拖了很久了，一直没有人处理",
  "每天晚上都这样，已经好几个月了",
  "楼下有人，不知道该找谁",
  "我们这里的问题反映了很多次都没有结果",
  "希望领导重视一下，尽快给个答复",
  "请问有没有人管，打了好多电话",
  "昨天早上又发生了，大家都很有意见",
  "麻烦相关部门来看一下，谢谢",
  "附近的居民都很着急，盼早日解决",
  "从去年到现在一直是这个样子",
  "我是本地人，在这里住了十几年",
  "电话打不通，去了也找不到人",
  "说是下个月解决，结果又没下文了",
  "有人说归这个管，有人说归那个管，互相推",
  "天天晚上都有人在那边，吵吵闹闹的",
  "老人孩子都受影响，实在没办法了才来反映",
  "上周六下午我去问过，说回去等通知",
  "群众意见很大，希望给个说法",
  "在吗？有个事想咨询一下",
  "这种情况合理吗？到底谁来负责",
  "已经跟社区和街道说过了，没用",
  "周边很多人都知道这个事",
  "网上也有很多人在说这个问题",
];
