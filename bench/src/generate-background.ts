/**
 * Writes packages/core/src/out-of-scope/background-questions.ts: the off-topic questions a
 * support bot should not answer, which ship with the engine as negatives for fitting thresholds
 * and for the answer-time check.
 *
 * How: hand-written templates with {slot}s, grouped by topic (jobs, weather, sports, health and
 * legal questions outside a site's field, chit-chat, other businesses' topics, general knowledge,
 * nonsense), in English and Chinese. Each template is filled `PER_TEMPLATE` times with slot values
 * drawn by a seeded PRNG (mulberry32, seed 20261202), duplicates dropped. One template's
 * sentences form one group: fitting holds a group out together, so a paraphrase of a held-out
 * negative never vouches for it. Written by the team; nothing is taken from a public
 * intent-classification benchmark (those are kept for evaluation).
 *
 * Run: pnpm --filter @support-bot/bench exec tsx src/generate-background.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SEED = 20261202;
const PER_TEMPLATE = 3;

type Slots = Record<string, readonly string[]>;
interface Topic {
  slots: Slots;
  templates: readonly string[];
}

const EN: Record<string, Topic> = {
  jobs: {
    slots: {
      role: [
        'cashier',
        'software developer',
        'nurse',
        'driver',
        'receptionist',
        'intern',
        'accountant',
        'warehouse worker',
      ],
    },
    templates: [
      'are you hiring a {role}?',
      'do you have any {role} vacancies',
      'how do I apply for a {role} job',
      'what does a {role} earn',
      'I want to work for you as a {role}',
      'can you review my CV for a {role} position',
    ],
  },
  weather: {
    slots: {
      city: ['London', 'Paris', 'New York', 'Tokyo', 'Sydney', 'Berlin', 'my town'],
      day: ['today', 'tomorrow', 'this weekend', 'next week'],
    },
    templates: [
      "what's the weather in {city} {day}",
      'will it rain {day}',
      'how hot will it be in {city} {day}',
      'should I take an umbrella {day}',
      'is there a storm coming to {city}',
    ],
  },
  sports: {
    slots: {
      team: ['Arsenal', 'the Lakers', 'Real Madrid', 'the Yankees', 'our national team'],
      sport: ['football', 'tennis', 'basketball', 'cricket', 'golf'],
    },
    templates: [
      'did {team} win last night',
      'when is the next {sport} match on TV',
      'who is the best {sport} player ever',
      'what was the score of the {sport} game',
      'can you get me tickets to see {team}',
    ],
  },
  health: {
    slots: {
      part: ['eye', 'back', 'knee', 'stomach', 'ear', 'skin', 'head', 'throat', 'ankle'],
      symptom: ['hurts', 'is itchy', 'is swollen', 'feels sore', 'has been aching for days'],
    },
    templates: [
      'my {part} {symptom}',
      'what should I take when my {part} {symptom}',
      'should I see a doctor, my {part} {symptom}',
      'can you prescribe something for a cold',
      'is it normal to feel dizzy after running',
      'how many hours of sleep do adults need',
      'I think I have the flu',
    ],
  },
  legal: {
    slots: { party: ['my landlord', 'my employer', 'my neighbour', 'my ex', 'an airline'] },
    templates: [
      'can I sue {party}',
      '{party} owes me money, what are my rights',
      'I need a lawyer to deal with {party}',
      'how do I write a will',
      'is it legal to record a phone call',
      'how do I get divorced',
    ],
  },
  chitchat: {
    slots: { thing: ['food', 'colour', 'film', 'song', 'book', 'animal'] },
    templates: [
      "what's your favourite {thing}",
      'are you a robot',
      'how old are you',
      'do you have feelings',
      'tell me a joke',
      'will you marry me',
      'what is the meaning of life',
      "I'm bored, talk to me",
      'good night',
      'sing me a song',
      'who made you',
    ],
  },
  otherBusinesses: {
    slots: {
      item: [
        'a pizza',
        'a taxi',
        'a hotel room',
        'a flight to Rome',
        'concert tickets',
        'a haircut',
        'a rental car',
      ],
      fix: [
        'my washing machine',
        'a leaking tap',
        'my car',
        'my laptop screen',
        'my bike puncture',
        'the boiler',
      ],
    },
    templates: [
      'can you book {item} for me',
      'where can I get {item} tonight',
      'how much does {item} cost',
      'who can repair {fix}',
      'how do I fix {fix} myself',
      'recommend a good restaurant near me',
      'what time does the supermarket close',
      'do you sell lottery tickets',
    ],
  },
  money: {
    slots: { coin: ['bitcoin', 'the dollar', 'gold', 'Tesla shares'] },
    templates: [
      "what's the price of {coin} today",
      'should I invest in {coin}',
      'how do I file my taxes',
      'can I get a mortgage with bad credit',
      'how much should I save for retirement',
      'can you lend me some money',
    ],
  },
  tech: {
    slots: { app: ['Instagram', 'my email', 'Netflix', 'WhatsApp', 'my bank app', 'Windows'] },
    templates: [
      'how do I reset my {app} password',
      "{app} isn't working on my phone",
      'how do I delete my {app} account',
      'my wifi keeps dropping',
      'which phone should I buy',
      'how do I learn to code',
    ],
  },
  knowledge: {
    slots: { country: ['France', 'Japan', 'Brazil', 'Canada', 'Egypt', 'Australia'] },
    templates: [
      'what is the capital of {country}',
      'how many people live in {country}',
      'what language do they speak in {country}',
      'who was the first president of the United States',
      'how far is the moon',
      'why is the sky blue',
      'how do you say thank you in Spanish',
      'solve 12 times 17',
    ],
  },
  life: {
    slots: {
      pet: ['dog', 'cat', 'rabbit', 'parrot'],
      dish: ['lasagne', 'pancakes', 'fried rice', 'a birthday cake'],
    },
    templates: [
      'my {pet} is not eating',
      'how often should I walk my {pet}',
      'how do I cook {dish}',
      'give me a recipe for {dish}',
      'what should I get my mum for her birthday',
      'where should I go on holiday',
      'how do I get rid of ants in the kitchen',
      'help me write a poem about the sea',
    ],
  },
  nonsense: {
    slots: { word: ['asdf', 'qwerty', 'blorp', 'zzzz', 'lkjlkj', 'hmm'] },
    templates: [
      '{word}',
      '{word} {word} {word}',
      'banana telephone purple',
      'test test 123',
      '???',
      'the cat sat on the keyboard',
    ],
  },
};

const ZH: Record<string, Topic> = {
  jobs: {
    slots: { role: ['收银员', '程序员', '护士', '司机', '前台', '实习生', '会计'] },
    templates: [
      '你们招{role}吗',
      '怎么应聘{role}',
      '{role}工资多少',
      '我想来你们这里当{role}',
      '帮我看看{role}的简历',
    ],
  },
  weather: {
    slots: {
      city: ['北京', '上海', '广州', '深圳', '成都', '我们这里'],
      day: ['今天', '明天', '周末', '下周'],
    },
    templates: [
      '{city}{day}天气怎么样',
      '{day}会下雨吗',
      '{city}{day}多少度',
      '{day}要带伞吗',
      '{city}有台风吗',
    ],
  },
  sports: {
    slots: {
      team: ['湖人队', '国足', '皇马', '广州队'],
      sport: ['足球', '篮球', '乒乓球', '羽毛球'],
    },
    templates: [
      '{team}昨天赢了吗',
      '下一场{sport}比赛什么时候',
      '谁是最好的{sport}运动员',
      '{sport}比赛比分是多少',
      '帮我买{team}的比赛门票',
    ],
  },
  health: {
    slots: {
      part: ['眼睛', '腰', '膝盖', '肚子', '耳朵', '皮肤', '头', '嗓子'],
      symptom: ['疼', '痒', '肿了', '不舒服好几天了'],
    },
    templates: [
      '我{part}{symptom}',
      '{part}{symptom}吃什么药',
      '{part}{symptom}要去医院吗',
      '感冒了怎么办',
      '跑步后头晕正常吗',
      '成年人每天要睡几个小时',
    ],
  },
  legal: {
    slots: { party: ['房东', '老板', '邻居', '前任', '航空公司'] },
    templates: [
      '我可以起诉{party}吗',
      '{party}欠我钱怎么办',
      '跟{party}有纠纷要找律师吗',
      '遗嘱怎么写',
      '离婚要办什么手续',
    ],
  },
  chitchat: {
    slots: { thing: ['食物', '颜色', '电影', '歌', '书'] },
    templates: [
      '你最喜欢什么{thing}',
      '你是机器人吗',
      '你几岁了',
      '你有感情吗',
      '讲个笑话',
      '人生的意义是什么',
      '好无聊陪我聊天',
      '晚安',
      '给我唱首歌',
      '谁创造了你',
    ],
  },
  otherBusinesses: {
    slots: {
      item: ['外卖', '出租车', '酒店', '机票', '演唱会门票', '理发'],
      fix: ['洗衣机', '水龙头', '汽车', '电脑屏幕', '热水器'],
    },
    templates: [
      '帮我订{item}',
      '哪里可以买到{item}',
      '{item}多少钱',
      '谁能修{fix}',
      '{fix}坏了怎么自己修',
      '附近有什么好吃的餐厅',
      '超市几点关门',
    ],
  },
  money: {
    slots: { coin: ['比特币', '美元', '黄金', '茅台股票'] },
    templates: [
      '{coin}今天什么价格',
      '应该投资{coin}吗',
      '个税怎么申报',
      '征信不好能贷款吗',
      '能借我点钱吗',
    ],
  },
  tech: {
    slots: { app: ['微信', '邮箱', '抖音', '支付宝', '网银'] },
    templates: [
      '{app}密码忘了怎么办',
      '{app}手机上用不了',
      '怎么注销{app}账号',
      '家里wifi老是断',
      '买什么手机好',
      '怎么学编程',
    ],
  },
  knowledge: {
    slots: { country: ['法国', '日本', '巴西', '加拿大', '埃及'] },
    templates: [
      '{country}的首都是哪里',
      '{country}有多少人口',
      '{country}说什么语言',
      '月亮离地球多远',
      '天空为什么是蓝色的',
      '十二乘十七等于几',
    ],
  },
  life: {
    slots: { pet: ['狗', '猫', '兔子'], dish: ['红烧肉', '饺子', '蛋炒饭', '生日蛋糕'] },
    templates: [
      '我家{pet}不吃东西',
      '{pet}多久要洗一次澡',
      '{dish}怎么做',
      '给我一个{dish}的菜谱',
      '妈妈生日送什么礼物好',
      '假期去哪里玩好',
      '厨房有蚂蚁怎么办',
      '帮我写一首关于大海的诗',
    ],
  },
  nonsense: {
    slots: { word: ['啊啊啊', '哈哈哈', 'asdf', '嗯嗯', '呃'] },
    templates: ['{word}', '{word}{word}{word}', '香蕉电话紫色', '测试测试123', '？？？'],
  },
};

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(topics: Record<string, Topic>, random: () => number): string[][] {
  const groups: string[][] = [];
  for (const topic of Object.values(topics)) {
    for (const template of topic.templates) {
      const seen = new Set<string>();
      for (let i = 0; i < PER_TEMPLATE * 4 && seen.size < PER_TEMPLATE; i++) {
        seen.add(
          template.replace(/\{(\w+)\}/g, (_, slot: string) => {
            const values = topic.slots[slot]!;
            return values[Math.floor(random() * values.length)]!;
          }),
        );
        if (!template.includes('{')) break;
      }
      groups.push([...seen]);
    }
  }
  return groups;
}

const random = seededRandom(SEED);
const en = generate(EN, random);
const zh = generate(ZH, random);
const count = (g: string[][]) => g.reduce((n, x) => n + x.length, 0);
const out = `// Generated by bench/src/generate-background.ts (seed ${SEED}); do not edit by hand.
// ${count(en)} English and ${count(zh)} Chinese off-topic questions, one inner array per template.

/** Off-topic questions a support bot should not answer, grouped by the template they came from. */
export const BACKGROUND_QUESTIONS: Readonly<Record<'en' | 'zh', readonly (readonly string[])[]>> = ${JSON.stringify({ en, zh })};
`;
const target = fileURLToPath(
  new URL('../../packages/core/src/out-of-scope/background-questions.ts', import.meta.url),
);
writeFileSync(target, out);
console.log(`wrote ${target}: ${count(en)} English, ${count(zh)} Chinese`);
