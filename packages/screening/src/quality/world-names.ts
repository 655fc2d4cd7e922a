/** A word list written as text: one or more words per line. */
const words = (list: string): string[] => list.trim().split(/\s+/);

/**
 * Frequent given names and surnames by region, paired within their region to make the names
 * real customers carry: "Wei Zhang", "Maria Garcia", "John Smith", "Mohammed Ali", "Ivan Ivanov".
 */
export const WORLD_NAMES: readonly { given: readonly string[]; surnames: readonly string[] }[] = [
  {
    given: words('Wei Li Min Jing Hui Jun Yan Ying Lei Hong Ping Fang Jie Tao Ming Xin Yong Qiang'),
    surnames: words('Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo'),
  },
  {
    given: words(
      'Maria Jose Juan Carlos Luis Ana Carmen Miguel Antonio Francisco Laura Sofia Pedro Javier Lucia',
    ),
    surnames: words(
      'Garcia Rodriguez Martinez Lopez Gonzalez Hernandez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Cruz',
    ),
  },
  {
    given: words(
      'Mohammed Ahmed Ali Omar Hassan Fatima Aisha Youssef Ibrahim Khalid Mustafa Amina Said Karim',
    ),
    surnames: words('Ali Khan Hassan Hussein Ibrahim Ahmed Mahmoud Abdullah Rahman Saleh Haddad Nasser Aziz'),
  },
  {
    given: words(
      'John James Robert Michael William David Mary Patricia Jennifer Linda Elizabeth Thomas Sarah',
    ),
    surnames: words(
      'Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin',
    ),
  },
  {
    given: words('Ivan Sergey Alexander Dmitry Andrey Olga Elena Natalia Tatiana Vladimir Nikolai Irina'),
    surnames: words(
      'Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov',
    ),
  },
  {
    given: words('Raj Amit Priya Rahul Sunita Anil Vijay Deepak Pooja Ravi Sanjay Anita'),
    surnames: words('Kumar Singh Sharma Patel Gupta Shah Das Reddy Rao Mehta Joshi Verma'),
  },
];
